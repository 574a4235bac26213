package org.vigie.agent.history;

import java.util.Arrays;

/**
 * A channel's per-minute min/max/mean: the minute being filled, and the finished minutes not yet
 * written. Minutes with no good value are NaN (gaps). Not thread-safe: {@link ChannelHistory}
 * holds its lock around every call.
 */
final class MinuteRollup {
    static final long MINUTE_MS = 60_000;

    private final int slots;
    long first = -1;
    long last = -1;
    private float[] done = new float[3 * 8]; // the last `count` finished minutes, up to `last`
    int count;
    long current = -1;
    private float min = Float.NaN;
    private float max = Float.NaN;
    private double sum;
    private int n;

    MinuteRollup(int slots) {
        this.slots = slots;
    }

    /** Continues after what the file holds. */
    void resume(long firstOnDisk, long lastOnDisk) {
        first = firstOnDisk;
        last = lastOnDisk;
        current = last < 0 ? -1 : last + 1;
    }

    /** Closes the minute being filled (and marks the empty ones after it) once a value of a later minute comes. */
    void advance(long minute) {
        if (current < 0) {
            current = minute;
        }
        if (minute > current) {
            append(current, min, max, n == 0 ? Float.NaN : (float) (sum / n));
            min = Float.NaN;
            max = Float.NaN;
            sum = 0;
            n = 0;
            long from = Math.max(current + 1, minute - slots + 1);
            for (long m = from; m < minute; m++) {
                append(m, Float.NaN, Float.NaN, Float.NaN);
            }
            current = minute;
        }
    }

    /** Counts a value (NaN: a gap, counted for nothing) into {@code minute}. */
    void add(long minute, float v) {
        advance(minute);
        if (minute == current && !Float.isNaN(v)) {
            min = n == 0 ? v : Math.min(min, v);
            max = n == 0 ? v : Math.max(max, v);
            sum += v;
            n++;
        }
    }

    private void append(long minute, float mn, float mx, float mean) {
        if (last >= 0 && minute != last + 1) {
            count = 0; // a jump: what memory holds is out of the ring
            first = minute;
        }
        if (count * 3 == done.length) {
            done = Arrays.copyOf(done, done.length * 2);
        }
        done[count * 3] = mn;
        done[count * 3 + 1] = mx;
        done[count * 3 + 2] = mean;
        count++;
        if (first < 0) {
            first = minute;
        }
        last = minute;
    }

    /** The finished minutes waiting in memory, as min/max/mean triples. */
    float[] waiting() {
        return Arrays.copyOf(done, count * 3);
    }

    /** The first kept minute of the ring. */
    long firstKept() {
        return Math.max(first, last - slots + 1);
    }

    /** The minute being filled as min/max/mean, with {@code open} (the latest value, NaN if none) counted in; or null. */
    float[] live(float open) {
        if (Float.isNaN(open)) {
            return n == 0 ? null : new float[] {min, max, (float) (sum / n)};
        }
        if (n == 0) {
            return new float[] {open, open, open};
        }
        return new float[] {Math.min(min, open), Math.max(max, open), (float) ((sum + open) / (n + 1))};
    }
}
