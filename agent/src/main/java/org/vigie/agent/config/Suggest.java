package org.vigie.agent.config;

import java.util.Collection;

/** "Did you mean …?": the known name closest to a misspelt one. */
final class Suggest {

    private Suggest() {
    }

    /**
     * The name of {@code known} closest to {@code written} by edit distance, when it is close
     * enough to be a typo (at most 2 edits, and fewer than half the word); else {@code null}.
     */
    static String closest(String written, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(written, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int limit = Math.min(2, (Math.max(written.length(), 2) - 1) / 2);
        return best != null && bestDistance > 0 && bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
