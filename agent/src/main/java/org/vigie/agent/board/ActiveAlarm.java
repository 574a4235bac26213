package org.vigie.agent.board;

import java.time.Instant;
import org.vigie.agent.config.Severity;

/**
 * One raised alarm of one agent, as the board knows it.
 *
 * @param state  {@code active} or {@code acknowledged}
 * @param kind   the kind of the alarm's sensor as the agent reported it ({@code leak}, {@code temperature}…), or {@code null}
 * @param since  when it was raised
 * @param sensor the agent's sensor id (staff board only; never public)
 */
record ActiveAlarm(String id, Severity severity, String state, String kind, Instant since, String sensor,
                   String message) {
}
