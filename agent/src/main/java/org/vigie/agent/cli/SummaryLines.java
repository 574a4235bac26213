package org.vigie.agent.cli;

import java.io.PrintStream;
import org.vigie.sensors.snmp.TrapConfig;

/** Summary lines of {@code vigie check} for the parts that run beside the sensors. */
final class SummaryLines {

    private SummaryLines() {
    }

    static void traps(TrapConfig t, PrintStream out) {
        String users = String.join(", ", t.users().stream()
                .map(u -> u.user() + (u.privPasswordFile() == null ? " (authNoPriv)" : " (authPriv)")).toList());
        out.println("snmp_traps: UDP " + t.listen().getHostString() + ":" + t.listen().getPort()
                + (t.communityFile() == null ? ", no v1/v2c traps" : ", v1/v2c community from " + t.communityFile())
                + (users.isEmpty() ? "" : ", v3 users " + users)
                + "; a trap from a sensor's host polls that sensor at once");
    }
}
