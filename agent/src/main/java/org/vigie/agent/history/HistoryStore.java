package org.vigie.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorSpec;

/**
 * Every channel's readings in {@code state_dir/history/<channel>.hist} for {@code history.retain}
 * (docs/web.md): full resolution for the last 24 hours, per-minute min/max/mean for the whole
 * retention, in fixed-size ring files so the oldest goes first and the disk use is known in
 * advance. The engine thread only offers readings to a lock-free queue; the store's own thread
 * takes them every second and writes every {@link #FLUSH_EVERY}, never with an fsync.
 */
public final class HistoryStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);
    /** How long readings wait in memory before being written: an SD card sees one batch a minute. */
    public static final Duration FLUSH_EVERY = Duration.ofSeconds(60);
    static final Duration FULL_RESOLUTION = Duration.ofHours(24);
    static final int MIN_STEP_MS = 1000;
    static final int MAX_STEP_MS = 60_000;
    /** Readings waiting beyond this (the store's thread stuck on a dead disk) are dropped, counted. */
    private static final int MAX_QUEUED = 200_000;

    private final Map<String, ChannelHistory> channels = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Reading> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private ScheduledExecutorService thread;

    private HistoryStore() {
    }

    /** Opens (or creates) every configured channel's file; damaged ones start afresh with a log line each. */
    public static HistoryStore open(Path stateDir, Duration retain, Iterable<SensorSpec> sensors) {
        HistoryStore store = new HistoryStore();
        Path dir = stateDir.resolve("history");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            log.warn("history: cannot create {}: {}; plots only show what this run saw", dir, Errors.describe(e));
        }
        java.util.List<String> created = new java.util.ArrayList<>();
        for (SensorSpec s : sensors) {
            int step = stepOf(s.base().interval());
            long fullMs = Math.min(FULL_RESOLUTION.toMillis(), retain.toMillis());
            int rawSlots = (int) Math.max(2, fullMs / step);
            int minuteSlots = (int) Math.max(2, retain.toMillis() / ChannelHistory.MINUTE_MS);
            long hold = Math.max(s.base().staleAfter().toMillis(), step);
            s.channels().forEach(c -> {
                ChannelHistory h = new ChannelHistory(c.address(), step, rawSlots, minuteSlots, hold,
                        dir.resolve(c.address() + ".hist"));
                if (h.open()) {
                    created.add(c.address());
                }
                store.channels.put(c.address(), h);
            });
        }
        if (!created.isEmpty()) {
            log.info("history: no file yet for {} channel(s) ({}{}); started afresh in {}", created.size(),
                    String.join(", ", created.subList(0, Math.min(5, created.size()))), created.size() > 5 ? ", …" : "", dir);
        }
        return store;
    }

    /** One slot per read interval, from 1 s to 1 min. */
    static int stepOf(Duration interval) {
        return (int) Math.max(MIN_STEP_MS, Math.min(MAX_STEP_MS, interval.toMillis()));
    }

    /** Starts the store's thread: takes queued readings every second, writes every minute. */
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigie-history");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
        long every = FLUSH_EVERY.toMillis();
        thread.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /** Any thread, never blocks: the engine calls it for every reading. */
    public void offer(Reading r) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            if (dropped.getAndIncrement() == 0) {
                log.warn("history: the store is behind; readings are left out of the plots until it catches up");
            }
            return;
        }
        queue.add(r);
    }

    /** Records what was offered (the store's thread; tests and benchmarks call it directly). */
    public void drain() {
        Reading r;
        while ((r = queue.poll()) != null) {
            queued.decrementAndGet();
            record(r);
        }
    }

    /** Records one reading at once (the store's thread, or a caller that owns the store). */
    public void record(Reading r) {
        ChannelHistory h = channels.get(r.channel());
        if (h != null) {
            h.record(r);
        }
    }

    /** Writes every channel's waiting slots (the store's thread, or a caller that owns the store). */
    public void flush() {
        channels.values().forEach(ChannelHistory::flush);
    }

    public boolean has(String channel) {
        return channels.containsKey(channel);
    }

    /** The points of {@code channel} from {@code sinceMs} on, at {@code stepMs} (0: full resolution). */
    public Optional<Series> query(String channel, long sinceMs, long stepMs) throws IOException {
        ChannelHistory h = channels.get(channel);
        return h == null ? Optional.empty() : Optional.of(Series.of(h, sinceMs, stepMs));
    }

    /** The full-resolution step of a channel, in ms. */
    public int stepMs(String channel) {
        ChannelHistory h = channels.get(channel);
        return h == null ? 0 : h.stepMs;
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain();
        channels.values().forEach(ChannelHistory::close);
    }
}
