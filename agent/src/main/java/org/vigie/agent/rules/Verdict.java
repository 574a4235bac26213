package org.vigie.agent.rules;

import java.util.List;
import org.vigie.agent.config.Severity;

/**
 * What a rule concludes for one alarm at one instant.
 *
 * @param alarm     the alarm id
 * @param level     the severity the alarm should have now, or {@code null} for normal
 * @param hold      {@code true} when the rule cannot decide (its inputs are not good): the alarm
 *                  keeps whatever state it has — a broken probe neither raises nor hides an alarm
 * @param sensors   the channels behind the verdict
 * @param value     the deciding value (a Double or Boolean), or {@code null}
 * @param threshold the threshold crossed (or being watched), or {@code null}
 * @param message   one sentence for a person at 5 a.m.
 */
public record Verdict(String alarm, Severity level, boolean hold, List<String> sensors, Object value,
                      Double threshold, String message) {

    static Verdict hold(String alarm, List<String> sensors) {
        return new Verdict(alarm, null, true, sensors, null, null, null);
    }
}
