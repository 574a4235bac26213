package org.vigie.sensors.serial;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.sensors.Settings;

/**
 * How a serial line is framed: speed, parity and stop bits (always 8 data bits).
 *
 * @param baud     bits per second, one of {@link #BAUDS}
 * @param parity   none, even or odd
 * @param stopBits 1 or 2
 */
public record LineSettings(int baud, Parity parity, int stopBits) {

    /** The speeds RS-232/RS-485 devices of a server room use. */
    public static final int[] BAUDS = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};

    public LineSettings {
        if (Arrays.stream(BAUDS).noneMatch(b -> b == baud)) {
            throw new IllegalArgumentException("baud: must be one of 1200…115200, was " + baud);
        }
        if (parity == null) {
            throw new IllegalArgumentException("parity: must be none, even or odd, was null");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop_bits: must be 1 or 2, was " + stopBits);
        }
    }

    /**
     * Reads {@code baud}, {@code parity} and {@code stop_bits} from a sensor's settings, reporting
     * problems there.
     *
     * @param withFraming whether {@code parity} and {@code stop_bits} are keys of this type
     *                    (a Megatec UPS is always 8N1)
     */
    public static LineSettings read(Settings settings, int defaultBaud, boolean withFraming) {
        int baud = defaultBaud;
        if (settings.has("baud")) {
            long b = settings.integer("baud", 1, Integer.MAX_VALUE).orElse(defaultBaud);
            if (Arrays.stream(BAUDS).noneMatch(x -> x == b)) {
                settings.problem("baud", "must be one of " + Arrays.toString(BAUDS) + ", was " + b);
            } else {
                baud = (int) b;
            }
        }
        Parity parity = Parity.NONE;
        int stopBits = 1;
        if (withFraming) {
            Set<String> names = new TreeSet<>();
            for (Parity p : Parity.values()) {
                names.add(p.wire());
            }
            parity = settings.choice("parity", names).map(s -> Parity.valueOf(s.toUpperCase(java.util.Locale.ROOT)))
                    .orElse(Parity.NONE);
            stopBits = (int) settings.integer("stop_bits", 1, 2).orElse(1);
        }
        return new LineSettings(baud, parity, stopBits);
    }

    /** Bits on the wire for one character: start, 8 data, parity, stop. */
    public int bitsPerChar() {
        return 1 + 8 + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** Nanoseconds to send {@code chars} characters. */
    public long nanosFor(int chars) {
        return chars * bitsPerChar() * 1_000_000_000L / baud;
    }

    /** Like {@code 9600 8N1}. */
    @Override
    public String toString() {
        return baud + " 8" + parity.letter() + stopBits;
    }
}
