package org.vigie.agent.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.vigie.agent.config.Durations;

/**
 * {@code --since}: a duration back from now ({@code 2h}, {@code 90m}), an RFC 3339 instant, a
 * local date and time ({@code 2026-11-28 03:00} or {@code 2026-11-28T03:00}), a local date, or a
 * local time today ({@code 03:00}).
 */
final class Since {
    private Since() {
    }

    static Optional<Instant> parse(String text, Instant now, ZoneId zone) {
        String s = text.strip();
        Optional<java.time.Duration> d = Durations.parse(s);
        if (d.isPresent()) {
            return Optional.of(now.minus(d.get()));
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            // not an instant: try the local forms below
        }
        try {
            return Optional.of(LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return Optional.of(LocalDate.ofInstant(now, zone).atTime(LocalTime.parse(s)).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
