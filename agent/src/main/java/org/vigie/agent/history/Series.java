package org.vigie.agent.history;

import java.io.IOException;
import java.util.Arrays;

/**
 * Points of one channel, oldest first. Full resolution: {@code min} and {@code max} are null and
 * {@code mean} holds the values. Rolled up: one point per step with the min, max and mean of the
 * minutes in it. NaN is a gap (the channel was not good, or the agent was not running); a run of
 * gaps is given as one.
 */
public record Series(int stepMs, long[] ts, float[] mean, float[] min, float[] max) {

    public int size() {
        return ts.length;
    }

    public boolean rolledUp() {
        return min != null;
    }

    static Series of(ChannelHistory h, long sinceMs, long stepMs) throws IOException {
        ChannelHistory.Copy c = h.copy();
        if (stepMs <= h.stepMs) {
            return raw(h, c, sinceMs, 0);
        }
        return stepMs < ChannelHistory.MINUTE_MS ? raw(h, c, sinceMs, stepMs) : rolled(h, c, sinceMs, stepMs);
    }

    /** Full resolution, or buckets of {@code bucketMs} (min, max and mean of the slots in each) when it is above 0. */
    private static Series raw(ChannelHistory h, ChannelHistory.Copy c, long sinceMs, long bucketMs) throws IOException {
        if (c.lastRaw() < 0) {
            return new Series(h.stepMs, new long[0], new float[0], null, null);
        }
        long start = Math.max(c.firstRaw(), Math.floorDiv(sinceMs, h.stepMs));
        int n = (int) Math.max(0, c.lastRaw() - start + 1);
        float[] v = new float[n];
        int fromDisk = (int) Math.max(0, Math.min(n, c.diskLastRaw() - start + 1));
        if (fromDisk > 0) {
            RingFile f = h.file();
            float[] d = f == null ? nans(fromDisk) : f.readRaw(start, fromDisk);
            System.arraycopy(d, 0, v, 0, fromDisk);
        }
        for (int i = fromDisk; i < n; i++) {
            long slot = start + i;
            int k = (int) (slot - c.diskLastRaw() - 1);
            v[i] = k >= 0 && k < c.raw().length ? c.raw()[k] : Float.NaN;
        }
        if (bucketMs <= 0) {
            Builder b = new Builder(n, false);
            for (int i = 0; i < n; i++) {
                b.add((start + i) * h.stepMs, v[i], v[i], v[i]);
            }
            return b.build(h.stepMs);
        }
        Builder b = new Builder((int) (n * (long) h.stepMs / bucketMs) + 2, true);
        Bucket k = new Bucket();
        for (int i = 0; i < n; i++) {
            long t = (start + i) * h.stepMs;
            k.add(b, Math.floorDiv(t, bucketMs) * bucketMs, v[i], v[i], v[i]);
        }
        k.finish(b);
        return b.build((int) bucketMs);
    }

    private static Series rolled(ChannelHistory h, ChannelHistory.Copy c, long sinceMs, long stepMs) throws IOException {
        long first = Math.max(c.firstMinute(), Math.floorDiv(sinceMs, ChannelHistory.MINUTE_MS));
        int n = c.lastMinute() < 0 ? 0 : (int) Math.max(0, c.lastMinute() - first + 1);
        float[] m = new float[n * 3];
        int fromDisk = (int) Math.max(0, Math.min(n, c.diskLastMinute() - first + 1));
        if (fromDisk > 0) {
            RingFile f = h.file();
            float[] d = f == null ? nans(fromDisk * 3) : f.readMinutes(first, fromDisk);
            System.arraycopy(d, 0, m, 0, fromDisk * 3);
        }
        for (int i = fromDisk; i < n; i++) {
            int k = (int) (first + i - c.diskLastMinute() - 1) * 3;
            boolean in = k >= 0 && k + 2 < c.minutes().length;
            for (int j = 0; j < 3; j++) {
                m[i * 3 + j] = in ? c.minutes()[k + j] : Float.NaN;
            }
        }
        Builder b = new Builder(n / Math.max(1, (int) (stepMs / ChannelHistory.MINUTE_MS)) + 2, true);
        Bucket k = new Bucket();
        int minutes = n + (c.cur() != null && c.curMinute() >= first ? 1 : 0);
        for (int i = 0; i < minutes; i++) {
            long minute = i < n ? first + i : c.curMinute();
            float mn = i < n ? m[i * 3] : c.cur()[0];
            float mx = i < n ? m[i * 3 + 1] : c.cur()[1];
            float mean = i < n ? m[i * 3 + 2] : c.cur()[2];
            k.add(b, Math.floorDiv(minute * ChannelHistory.MINUTE_MS, stepMs) * stepMs, mean, mn, mx);
        }
        k.finish(b);
        return b.build((int) stepMs);
    }

    /** Min, max and mean of the values falling in one bucket; gaps count for nothing. */
    private static final class Bucket {
        long at = Long.MIN_VALUE;
        float lo = Float.NaN;
        float hi = Float.NaN;
        double sum;
        int count;

        void add(Builder b, long bucket, float mean, float mn, float mx) {
            if (bucket != at) {
                finish(b);
                at = bucket;
                lo = Float.NaN;
                hi = Float.NaN;
                sum = 0;
                count = 0;
            }
            if (!Float.isNaN(mean)) {
                lo = count == 0 ? mn : Math.min(lo, mn);
                hi = count == 0 ? mx : Math.max(hi, mx);
                sum += mean;
                count++;
            }
        }

        void finish(Builder b) {
            if (at != Long.MIN_VALUE) {
                b.add(at, count == 0 ? Float.NaN : (float) (sum / count), lo, hi);
            }
        }
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    /** Collects points, giving a run of gaps as one. */
    private static final class Builder {
        private long[] ts;
        private float[] mean;
        private int n;
        private float[] lo;
        private float[] hi;

        Builder(int capacity, boolean rolled) {
            int cap = Math.max(capacity, 4);
            ts = new long[cap];
            mean = new float[cap];
            lo = rolled ? new float[cap] : null;
            hi = rolled ? new float[cap] : null;
        }

        void add(long t, float v, float mn, float mx) {
            if (Float.isNaN(v) && n > 0 && Float.isNaN(mean[n - 1])) {
                return;
            }
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                mean = Arrays.copyOf(mean, n * 2);
                lo = lo == null ? null : Arrays.copyOf(lo, n * 2);
                hi = hi == null ? null : Arrays.copyOf(hi, n * 2);
            }
            ts[n] = t;
            mean[n] = v;
            if (lo != null) {
                lo[n] = mn;
                hi[n] = mx;
            }
            n++;
        }

        Series build(int step) {
            return new Series(step, Arrays.copyOf(ts, n), Arrays.copyOf(mean, n),
                    lo == null ? null : Arrays.copyOf(lo, n), hi == null ? null : Arrays.copyOf(hi, n));
        }
    }
}
