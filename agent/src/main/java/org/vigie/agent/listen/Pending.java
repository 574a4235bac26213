package org.vigie.agent.listen;

import java.time.Instant;

/**
 * An accepted shutdown that has not run yet, as persisted in {@code state_dir}.
 *
 * @param accepted when this listener accepted it; the countdown runs from there
 * @param deadline when the command runs: {@code accepted + delay_s}
 * @param expires  the command's own expiry: a countdown found after it on restart is dropped
 * @param reason   the command's reason, or {@code null}
 */
record Pending(String group, String agent, long seq, String sig, Instant accepted, Instant deadline,
               Instant expires, String reason, AckState state) {

    /** One pending shutdown per group and agent: a cancel from an agent stops only that agent's. */
    String key() {
        return key(group, agent);
    }

    static String key(String group, String agent) {
        return group + " " + agent;
    }

    /** This countdown in {@code next}, if the transition table allows it. */
    Pending to(AckState next) {
        return new Pending(group, agent, seq, sig, accepted, deadline, expires, reason, state.to(next));
    }

    String describe() {
        return "shutdown seq " + seq + " for group " + group + " from agent " + agent;
    }
}
