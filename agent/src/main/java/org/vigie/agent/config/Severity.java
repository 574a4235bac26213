package org.vigie.agent.config;

import java.util.Locale;

/** Alarm severities, lowest to highest. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
