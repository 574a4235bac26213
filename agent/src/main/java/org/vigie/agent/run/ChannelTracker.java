package org.vigie.agent.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigie.agent.config.Durations;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorSpec;

/**
 * The framework's view of every channel: when it was last read (for {@code stale} detection,
 * done here rather than in each driver) and when it was last published (for telemetry on change
 * and at least every {@code telemetry.interval}).
 */
final class ChannelTracker {

    private static final class Channel {
        final String sensorId;
        final Duration staleAfter;
        Instant lastSeen;
        Reading current;
        Reading published;
        Instant publishedAt;

        Channel(String sensorId, Duration staleAfter, Instant start) {
            this.sensorId = sensorId;
            this.staleAfter = staleAfter;
            this.lastSeen = start;
        }
    }

    /**
     * A channel never read yet is stale only after this long (or its stale_after if longer): opening
     * a device at start (a serial port, an SNMP session, the JVM warming up) is slower than a poll.
     */
    static final Duration FIRST_READING_GRACE = Duration.ofSeconds(10);

    private final Map<String, Channel> channels = new HashMap<>();
    private final Duration telemetry;

    ChannelTracker(List<SensorSpec> sensors, Duration telemetry, Instant start) {
        this.telemetry = telemetry;
        for (SensorSpec s : sensors) {
            s.channels().forEach(c -> channels.put(c.address(), new Channel(s.id(), s.base().staleAfter(), start)));
        }
    }

    String sensorOf(String channel) {
        Channel c = channels.get(channel);
        return c == null ? channel : c.sensorId;
    }

    /** Records a reading from a driver; returns {@code false} for a channel nobody configured. */
    boolean seen(Reading r) {
        Channel c = channels.get(r.channel());
        if (c == null) {
            return false;
        }
        c.lastSeen = r.ts();
        c.current = r;
        return true;
    }

    /** Every channel's current reading, by address (channels never read yet are absent). */
    Map<String, Reading> current() {
        Map<String, Reading> out = new HashMap<>();
        channels.forEach((id, c) -> {
            if (c.current != null) {
                out.put(id, c.current);
            }
        });
        return out;
    }

    /** Readings of quality {@code stale} for channels not read within their {@code stale_after}. */
    List<Reading> stale(Instant now) {
        List<Reading> out = new ArrayList<>();
        for (Map.Entry<String, Channel> e : channels.entrySet()) {
            Channel c = e.getValue();
            boolean alreadyStale = c.current != null && c.current.quality() == Quality.STALE;
            Duration allowed = c.current == null ? max(c.staleAfter, FIRST_READING_GRACE) : c.staleAfter;
            if (!alreadyStale && Duration.between(c.lastSeen, now).compareTo(allowed) > 0) {
                Object last = c.current == null ? null : c.current.value();
                c.current = new Reading(e.getKey(), last, Quality.STALE, now,
                        "no reading for " + Durations.format(Duration.ofMillis(Duration.between(c.lastSeen, now).toMillis())));
                out.add(c.current);
            }
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whether this reading should be published now: it changed, or the last publication is old. */
    boolean shouldPublish(Reading r, Instant now) {
        Channel c = channels.get(r.channel());
        if (c == null) {
            return false;
        }
        boolean changed = c.published == null || c.published.quality() != r.quality()
                || !Objects.equals(c.published.value(), r.value()) || !Objects.equals(c.published.problem(), r.problem());
        boolean old = c.publishedAt == null || Duration.between(c.publishedAt, now).compareTo(telemetry) >= 0;
        if (changed || old) {
            c.published = r;
            c.publishedAt = now;
            return true;
        }
        return false;
    }

    /** Current readings whose last publication is older than the telemetry interval. */
    List<Reading> due(Instant now) {
        List<Reading> out = new ArrayList<>();
        for (Channel c : channels.values()) {
            if (c.current != null && c.publishedAt != null
                    && Duration.between(c.publishedAt, now).compareTo(telemetry) >= 0) {
                out.add(c.current);
            }
        }
        return out;
    }
}
