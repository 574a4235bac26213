package org.vigie.agent.config;

import java.time.Duration;
import java.util.List;

/**
 * One {@code recovery:} policy (SPEC §9): after the shutdown policy {@code after} has run and every
 * alarm of it has stayed cleared for {@code settle}, (when {@code confirm}) after a person confirms,
 * wake {@code groups} in order, each once the previous one is back or has timed out.
 */
public record RecoveryConfig(String id, String after, Duration settle, boolean confirm, List<Group> groups) {

    /** A group to wake, how, and how long to wait for all its hosts' listeners to come {@code online}. */
    public record Group(String id, List<Wake> wake, Duration timeout) {
    }

    /** One way of waking a machine. */
    public sealed interface Wake permits Wol, Run {
    }

    /**
     * Wake-on-LAN: magic packets to {@code mac}, sent to the UDP broadcast address {@code broadcast}.
     *
     * @param mac the six bytes of the MAC address
     */
    public record Wol(byte[] mac, String broadcast, int port) implements Wake {
        public Wol {
            mac = mac.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }

        /** {@code 52:54:00:12:34:56}. */
        public String macText() {
            StringBuilder sb = new StringBuilder();
            for (byte b : mac) {
                sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Wol w && java.util.Arrays.equals(mac, w.mac) && broadcast.equals(w.broadcast) && port == w.port;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(mac) * 31 + broadcast.hashCode() * 7 + port;
        }

        @Override
        public String toString() {
            return "wol " + macText() + " via " + broadcast + ":" + port;
        }
    }

    /** A command, argv run without a shell (an {@code ipmitool … chassis power on}), killed after {@code timeout}. */
    public record Run(List<String> command, Duration timeout) implements Wake {
    }
}
