package org.vigie.agent.rules;

import org.vigie.sensors.ChannelSpec;

/** Numbers and values as a person reads them in an alarm message. */
final class Text {
    private Text() {
    }

    /** At most two decimals, no trailing zeros: 33.5, 27, -0.25. Cheap: it runs for every verdict. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return Long.toString((long) d);
        }
        if (!Double.isFinite(d) || Math.abs(d) >= 1e12) {
            return Double.toString(d);
        }
        long hundredths = Math.round(d * 100.0);
        StringBuilder sb = new StringBuilder(12);
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            sb.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                sb.append(frac % 10);
            }
        }
        return sb.toString();
    }

    static String value(double d, ChannelSpec channel) {
        String unit = channel == null ? null : channel.unit();
        return unit == null || unit.isEmpty() ? number(d) : number(d) + " " + unit;
    }
}
