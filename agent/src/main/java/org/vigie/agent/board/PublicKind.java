package org.vigie.agent.board;

import java.util.Locale;

/**
 * What the public is told an incident is about. Known from the {@code kind} the agent puts in its
 * alarm payloads and events (the configured kind of the alarm's sensor); an alarm without one is
 * classed by the words of its id. The public text never quotes the agent: only these templates and
 * the component's public name reach the public files.
 */
enum PublicKind {
    WATER("water", "Water has been detected in %s. Our staff are responding."),
    HEAT("heat", "The temperature in %s is outside its safe range. Our staff are responding."),
    POWER("power", "%s has a power problem and may be running on backup power. Our staff are responding."),
    OTHER("environment", "An environmental problem has been detected in %s. Our staff are responding."),
    UNREACHABLE("monitoring", "We have lost contact with the monitoring of %s. Our staff are checking the site.");

    final String wire;
    private final String text;

    PublicKind(String wire, String text) {
        this.wire = wire;
        this.text = text;
    }

    String text(String component) {
        return String.format(Locale.ROOT, text, component);
    }

    String resolvedText(String component) {
        return this == UNREACHABLE
                ? "Monitoring of " + component + " is back."
                : "The problem in " + component + " is resolved: conditions are back to normal.";
    }

    static PublicKind of(ActiveAlarm a) {
        PublicKind k = fromWords(a.kind());
        return k != OTHER ? k : fromWords(a.id());
    }

    static PublicKind fromWire(String wire) {
        for (PublicKind k : values()) {
            if (k.wire.equals(wire)) {
                return k;
            }
        }
        return OTHER;
    }

    private static PublicKind fromWords(String s) {
        if (s == null) {
            return OTHER;
        }
        String w = s.toLowerCase(Locale.ROOT);
        if (w.matches(".*(leak|water|flood|moisture).*")) {
            return WATER;
        }
        if (w.matches(".*(temp|heat|hot|cool|humid|dew).*")) {
            return HEAT;
        }
        if (w.matches(".*(power|mains|battery|ups|volt|current|energy|load).*")) {
            return POWER;
        }
        return OTHER;
    }
}
