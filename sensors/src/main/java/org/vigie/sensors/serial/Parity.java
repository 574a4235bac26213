package org.vigie.sensors.serial;

import java.util.Locale;

/** Serial parity as written in the configuration: {@code none}, {@code even}, {@code odd}. */
public enum Parity {
    NONE, EVEN, ODD;

    /** The configuration spelling. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The letter of the usual {@code 8N1} notation. */
    char letter() {
        return name().charAt(0);
    }
}
