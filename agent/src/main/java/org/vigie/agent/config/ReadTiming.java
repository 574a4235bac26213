package org.vigie.agent.config;

import java.time.Duration;
import org.vigie.sensors.SensorSpec;

/**
 * A polled sensor's timing must not guarantee false alarms: when one read may wait longer than
 * {@code stale_after} for a device that answers slowly, one slow answer turns every channel of
 * the sensor stale and raises its fault alarm.
 */
final class ReadTiming {

    private ReadTiming() {
    }

    /** Reports, at the key that sets it, a sensor whose longest read exceeds its stale_after. */
    static void check(SensorSpec spec, Located at) {
        Duration longest = spec.longestRead().orElse(null);
        Duration stale = spec.base().staleAfter();
        if (longest == null || longest.compareTo(stale) <= 0) {
            return;
        }
        String key = at.has("timeout") ? "timeout" : at.has("retries") ? "retries" : "stale_after";
        at.problem(key, "one read may wait up to " + Durations.format(longest) + " for a device that does not answer (its timeout × tries), longer than stale_after ("
                + Durations.format(stale) + (at.has("stale_after") ? "" : ", 3 × interval") + "): one slow answer would turn "
                + spec.id() + "'s channels stale; shorten timeout or retries, or lengthen stale_after");
    }
}
