package org.vigie.agent.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigie.agent.alarm.Alarm;
import org.vigie.sensors.Reading;

/**
 * What the agent knows now, as an immutable snapshot the engine thread publishes (about every
 * 100 ms when something changed, and every second): readers on other threads (the web page,
 * {@code /metrics}) take it without a lock and never make the engine wait.
 *
 * @param at                when it was taken
 * @param channels          each channel's current reading (channels never read yet are absent)
 * @param alarms            every alarm known, raised or cleared, in the order first raised
 * @param undeliveredEvents journal events the broker has not acknowledged yet
 * @param lastSeq           the journal's last event number
 */
public record AgentView(Instant at, Map<String, Reading> channels, List<Alarm> alarms, long undeliveredEvents,
                        long lastSeq) {
}
