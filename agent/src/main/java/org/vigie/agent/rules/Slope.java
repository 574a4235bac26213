package org.vigie.agent.rules;

import java.util.Arrays;

/**
 * A robust slope (per second) of a short series: the median of pairwise slopes (Theil–Sen), so
 * one noisy reading cannot fake or hide a climb. Long series use the pairs half a window apart,
 * which keeps the cost linear.
 */
final class Slope {
    private static final int FULL_PAIRS_UP_TO = 24;

    private Slope() {
    }

    /**
     * @param seconds times in seconds, ascending
     * @param values  values at those times
     * @param n       how many of the arrays' first entries to use
     * @return the slope per second, or NaN with fewer than 2 points at distinct times
     */
    static double perSecond(double[] seconds, double[] values, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double[] slopes;
        int k = 0;
        if (n <= FULL_PAIRS_UP_TO) {
            slopes = new double[n * (n - 1) / 2];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dt = seconds[j] - seconds[i];
                    if (dt > 0) {
                        slopes[k++] = (values[j] - values[i]) / dt;
                    }
                }
            }
        } else {
            int half = n / 2;
            slopes = new double[n - half];
            for (int i = 0; i + half < n; i++) {
                double dt = seconds[i + half] - seconds[i];
                if (dt > 0) {
                    slopes[k++] = (values[i + half] - values[i]) / dt;
                }
            }
        }
        if (k == 0) {
            return Double.NaN;
        }
        Arrays.sort(slopes, 0, k);
        return k % 2 == 1 ? slopes[k / 2] : (slopes[k / 2 - 1] + slopes[k / 2]) / 2.0;
    }
}
