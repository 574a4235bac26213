package org.vigie.agent.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.sensors.Reading;

/**
 * One channel's history: slots of one step each (full resolution), rolled up per minute into
 * min/max/mean. Slots not yet written wait in memory until {@link #flush}; a slot skipped between
 * two readings keeps the last value while the channel is good and younger than its
 * {@code stale_after}, and is a gap (NaN) otherwise. Readings that are not good are never values.
 * Recording and flushing happen on the store's thread; queries on any thread take the lock only
 * to copy what is in memory.
 */
final class ChannelHistory {
    private static final Logger log = LoggerFactory.getLogger(ChannelHistory.class);
    static final long MINUTE_MS = MinuteRollup.MINUTE_MS;

    final String channel;
    final int stepMs;
    final int rawSlots;
    final int minuteSlots;
    private final long holdMs;
    private final Path path;
    private RingFile file;
    private boolean writeFailed;

    // Where things stand (absolute slot and minute numbers; -1: none yet).
    private long firstRaw = -1;
    private long lastRaw = -1;
    private float[] raw = new float[64];         // the last rawCount slots, up to lastRaw, not yet written
    private int rawCount;
    private boolean good;
    private float held = Float.NaN;
    /** The value of slot {@code lastRaw}, not yet in its minute (it may still change). */
    private float lastSlot = Float.NaN;
    private boolean lastSlotOpen;
    private final MinuteRollup minutes;

    ChannelHistory(String channel, int stepMs, int rawSlots, int minuteSlots, long holdMs, Path path) {
        this.channel = channel;
        this.stepMs = stepMs;
        this.rawSlots = rawSlots;
        this.minuteSlots = minuteSlots;
        this.holdMs = holdMs;
        this.path = path;
        this.minutes = new MinuteRollup(minuteSlots);
    }

    /**
     * Opens the file; a damaged or unreadable one is replaced, with one log line.
     *
     * @return whether there was no file yet (a new channel, or a first start)
     */
    boolean open() {
        RingFile.Marks onDisk = RingFile.Marks.NONE;
        boolean missing = !java.nio.file.Files.exists(path);
        try {
            if (!missing) {
                try {
                    file = RingFile.open(path, stepMs, rawSlots, minuteSlots);
                    onDisk = file.marks();
                } catch (IOException e) {
                    if (file != null) {
                        file.close();
                        file = null;
                    }
                    log.warn("history of {}: {}: {}; starting afresh", channel, path, Errors.describe(e));
                    onDisk = RingFile.Marks.NONE;
                }
            }
            if (file == null) {
                file = RingFile.create(path, stepMs, rawSlots, minuteSlots);
            }
        } catch (IOException e) {
            log.warn("history of {}: cannot create {}: {}; kept in memory until the next flush only", channel, path,
                    Errors.describe(e));
            file = null;
        }
        firstRaw = onDisk.firstRaw();
        lastRaw = onDisk.lastRaw();
        minutes.resume(onDisk.firstMinute(), onDisk.lastMinute());
        return missing;
    }

    synchronized void record(Reading r) {
        long slot = Math.floorDiv(r.ts().toEpochMilli(), stepMs);
        if (!r.good() || !(r.value() instanceof Double || r.value() instanceof Boolean)) {
            good = false;
            return;
        }
        float v = (float) r.asDouble();
        if (lastRaw >= 0 && slot < lastRaw) {
            return; // older than what is kept: the clock went back, or a late reading
        }
        if (slot == lastRaw) {
            if (rawCount > 0) {
                raw[rawCount - 1] = v;
            } else {
                appendRaw(v); // written already: written again at the next flush
            }
        } else {
            boolean hold = good && lastRaw >= 0 && (slot - lastRaw) * (long) stepMs <= holdMs;
            long from = lastRaw < 0 ? slot : Math.max(lastRaw + 1, slot - rawSlots + 1);
            if (lastRaw >= 0 && from > lastRaw + 1) {
                skipRaw(from);
            }
            if (lastSlotOpen) {
                roll(lastRaw, lastSlot);
            }
            for (long s = from; s < slot; s++) {
                appendRaw(hold ? held : Float.NaN);
                roll(s, hold ? held : Float.NaN);
            }
            appendRaw(v);
            minutes.advance(minuteOf(slot));
            if (firstRaw < 0) {
                firstRaw = slot;
            }
            lastRaw = slot;
        }
        good = true;
        held = v;
        lastSlot = v;
        lastSlotOpen = true;
    }

    /** Everything kept before {@code from} falls out of the ring: forget what memory still holds of it. */
    private void skipRaw(long from) {
        if (lastSlotOpen) {
            roll(lastRaw, lastSlot);
            lastSlotOpen = false;
        }
        rawCount = 0;
        firstRaw = from;
        lastRaw = from - 1;
    }

    private void appendRaw(float v) {
        if (rawCount == raw.length) {
            raw = Arrays.copyOf(raw, Math.min(raw.length * 2, Math.max(rawSlots, 64)));
        }
        if (rawCount == raw.length) { // more than a ring's worth in memory: the oldest goes
            System.arraycopy(raw, 1, raw, 0, rawCount - 1);
            rawCount--;
        }
        raw[rawCount++] = v;
    }

    /** Adds a finished slot to its minute's bucket, closing the minutes before it. */
    private void roll(long slot, float v) {
        minutes.add(minuteOf(slot), v);
    }

    private long minuteOf(long slot) {
        return Math.floorDiv(slot * stepMs, MINUTE_MS);
    }

    /** Writes what waits in memory (no fsync: the kernel writes back; a crash loses at most one batch). */
    void flush() {
        float[] r;
        float[] m;
        long rawFrom;
        long minuteFrom;
        int rc;
        int mc;
        RingFile.Marks marks;
        synchronized (this) {
            if (file == null || (rawCount == 0 && minutes.count == 0)) {
                return;
            }
            r = Arrays.copyOf(raw, rawCount);
            m = minutes.waiting();
            rc = rawCount;
            mc = minutes.count;
            rawFrom = lastRaw - rc + 1;
            minuteFrom = minutes.last - mc + 1;
            marks = new RingFile.Marks(Math.max(firstRaw, lastRaw - rawSlots + 1), lastRaw, minutes.firstKept(), minutes.last);
        }
        try {
            file.writeRaw(rawFrom, r, 0, rc);
            file.writeMinutes(minuteFrom, m, 0, mc);
            file.writeMarks(marks);
            writeFailed = false;
        } catch (IOException e) {
            if (!writeFailed) {
                log.warn("history of {}: cannot write {}: {}; kept in memory meanwhile", channel, path, Errors.describe(e));
            }
            writeFailed = true;
            return;
        }
        synchronized (this) {
            // Only the part written leaves memory: recording goes on on this same thread, so nothing was added.
            rawCount -= rc;
            minutes.count -= mc;
        }
    }

    /** What a query needs from memory, copied under the lock. */
    record Copy(long firstRaw, long lastRaw, long diskLastRaw, float[] raw, long firstMinute, long lastMinute,
                long diskLastMinute, float[] minutes, long curMinute, float[] cur) {
    }

    synchronized Copy copy() {
        // The slot being filled counts into the live minute too.
        boolean open = lastSlotOpen && minuteOf(lastRaw) == minutes.current;
        float[] cur = minutes.live(open ? lastSlot : Float.NaN);
        return new Copy(Math.max(firstRaw, lastRaw - rawSlots + 1), lastRaw, lastRaw - rawCount, Arrays.copyOf(raw, rawCount),
                minutes.firstKept(), minutes.last, minutes.last - minutes.count, minutes.waiting(), minutes.current, cur);
    }

    RingFile file() {
        return file;
    }

    void close() {
        flush();
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                log.warn("history of {}: {}", channel, Errors.describe(e));
            }
        }
    }
}
