package org.vigie.agent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code journal:} section: how much undelivered history the agent keeps while no broker
 * takes its events.
 *
 * @param maxUndeliveredBytes past this many bytes of events no broker has acknowledged, the oldest
 *                            undelivered ones are dropped (with an alarm and an event saying which)
 */
public record JournalConfig(long maxUndeliveredBytes) {
    public static final long MB = 1024L * 1024;
    public static final JournalConfig DEFAULT = new JournalConfig(200 * MB);
    /** Below this the journal could not hold one broker outage of a busy room. */
    static final long MIN_BYTES = MB;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s?(KB|MB|GB)");

    static JournalConfig parse(Located root) {
        return root.mapping("journal").map(JournalConfig::parseSection).orElse(DEFAULT);
    }

    private static JournalConfig parseSection(Located j) {
        String text = j.string("max_undelivered").orElse(null);
        if (text == null) {
            return DEFAULT;
        }
        Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        long bytes = -1;
        if (m.matches()) {
            long unit = switch (m.group(2)) {
                case "KB" -> 1024L;
                case "MB" -> MB;
                default -> 1024 * MB;
            };
            try {
                bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            } catch (ArithmeticException | NumberFormatException e) {
                bytes = -1;
            }
        }
        if (bytes < 0) {
            j.problem("max_undelivered", "must be a size like 500KB, 200MB, 2GB, was " + text);
            return DEFAULT;
        }
        if (bytes < MIN_BYTES) {
            j.problem("max_undelivered", "must be at least 1MB, was " + text);
            return DEFAULT;
        }
        return new JournalConfig(bytes);
    }
}
