package org.vigie.agent.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each channel from flooding. A message goes out at once unless the channel sent one less
 * than {@link #STORM_WINDOW} ago; then it is held, with every other one arriving meanwhile, and
 * they go out as one digest when the window has passed (one held message goes as itself). At most
 * {@code perHour} messages leave a channel in any hour; the others are dropped, and when the
 * channel may send again one notice says how many were dropped. Engine thread only; no I/O.
 */
final class Pacer {
    static final Duration STORM_WINDOW = Duration.ofSeconds(5);
    private static final Duration HOUR = Duration.ofHours(1);

    /** Where released and dropped messages go. */
    interface Sink {
        void release(String channel, Message message);

        void dropped(String channel, Message message, String why);
    }

    private static final class Lane {
        Instant lastRelease;
        final List<Message> held = new ArrayList<>();
        Instant heldSince;
        final Deque<Instant> sent = new ArrayDeque<>();
        int dropped;
        Instant droppedSince;
    }

    private final int perHour;
    private final Duration window;
    private final Texts texts;
    private final Sink sink;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();

    Pacer(int perHour, Texts texts, Sink sink) {
        this(perHour, STORM_WINDOW, texts, sink);
    }

    /** @param window the storm window; zero sends everything at once (latency measurements) */
    Pacer(int perHour, Duration window, Texts texts, Sink sink) {
        this.perHour = perHour;
        this.window = window;
        this.texts = texts;
        this.sink = sink;
    }

    void offer(String channel, Message m, Instant now) {
        Lane lane = lanes.computeIfAbsent(channel, c -> new Lane());
        if (!lane.held.isEmpty()) {
            lane.held.add(m);
        } else if (lane.lastRelease != null && now.isBefore(lane.lastRelease.plus(window))) {
            lane.held.add(m);
            lane.heldSince = now;
        } else {
            release(channel, lane, m, now);
        }
    }

    void tick(Instant now) {
        lanes.forEach((channel, lane) -> {
            if (!lane.held.isEmpty() && !now.isBefore(lane.heldSince.plus(window))) {
                List<Message> held = List.copyOf(lane.held);
                lane.held.clear();
                release(channel, lane, held.size() == 1 ? held.get(0) : texts.digest(held, now), now);
            }
            if (lane.dropped > 0 && room(lane, now)) {
                Message notice = texts.dropped(channel, lane.dropped, lane.droppedSince, perHour);
                lane.dropped = 0;
                lane.droppedSince = null;
                send(channel, lane, notice, now);
            }
        });
    }

    private void release(String channel, Lane lane, Message m, Instant now) {
        lane.lastRelease = now;
        if (lane.dropped == 0 && room(lane, now)) {
            send(channel, lane, m, now);
            return;
        }
        if (lane.dropped == 0) {
            lane.droppedSince = now;
        }
        lane.dropped++;
        sink.dropped(channel, m, "limit of " + perHour + " an hour reached");
    }

    private void send(String channel, Lane lane, Message m, Instant now) {
        lane.sent.addLast(now);
        sink.release(channel, m);
    }

    private boolean room(Lane lane, Instant now) {
        while (!lane.sent.isEmpty() && !now.isBefore(lane.sent.peekFirst().plus(HOUR))) {
            lane.sent.removeFirst();
        }
        return lane.sent.size() < perHour;
    }
}
