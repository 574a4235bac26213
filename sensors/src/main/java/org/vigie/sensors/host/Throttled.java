package org.vigie.sensors.host;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The firmware's throttling word, as {@code get_throttled} (sysfs, hex) or
 * {@code vcgencmd get_throttled} ({@code throttled=0x50005}) print it. Bits: 0 under-voltage now,
 * 1 ARM frequency capped now, 2 throttled now, 3 soft temperature limit now; 16 to 19 the same
 * since boot.
 */
record Throttled(long bits) {

    private static final Pattern HEX = Pattern.compile("(?:throttled=)?(?:0x)?(\\p{XDigit}{1,8})");

    /** Parses the text of the file or command; {@code null} when it is not a throttling word. */
    static Throttled parse(String text) {
        Matcher m = HEX.matcher(text.trim());
        return m.matches() ? new Throttled(Long.parseLong(m.group(1), 16)) : null;
    }

    boolean underVoltage() {
        return bit(0);
    }

    /** Any limit now: ARM frequency capped, throttled, or soft temperature limit (bits 1 to 3). */
    boolean throttled() {
        return bit(1) || bit(2) || bit(3);
    }

    boolean underVoltageOccurred() {
        return bit(16);
    }

    private boolean bit(int n) {
        return (bits & (1L << n)) != 0;
    }
}
