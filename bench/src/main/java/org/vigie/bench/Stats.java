package org.vigie.bench;

import java.util.Arrays;
import java.util.Locale;

/** Order statistics of a series of durations in nanoseconds, printed in milliseconds. */
final class Stats {
    private final long[] sorted;

    Stats(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The nearest-rank percentile {@code p} (0 &lt; p ≤ 100). */
    long percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    long min() {
        return sorted[0];
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** One line: {@code label  n=…  min … median … p90 … p99 … max … ms}. */
    String line(String label) {
        return String.format(Locale.ROOT, "%-40s n=%d  min %s  median %s  p90 %s  p99 %s  max %s ms", label,
                sorted.length, ms(min()), ms(percentile(50)), ms(percentile(90)), ms(percentile(99)), ms(max()));
    }
}
