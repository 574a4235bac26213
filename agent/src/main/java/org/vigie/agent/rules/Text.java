package org.vigie.agent.rules;

import java.util.Locale;
import org.vigie.sensors.ChannelSpec;

/** Numbers and values as a person reads them in an alarm message. */
final class Text {
    private Text() {
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.2f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String value(double d, ChannelSpec channel) {
        String unit = channel == null ? null : channel.unit();
        return unit == null || unit.isEmpty() ? number(d) : number(d) + " " + unit;
    }
}
