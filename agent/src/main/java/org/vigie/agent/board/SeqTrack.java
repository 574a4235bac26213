package org.vigie.agent.board;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code seq} numbers seen from one agent: the highest, the ones missing below it (a gap,
 * shown until it is filled by a late delivery), and how many came twice. The first number seen
 * is where the board started following the agent, not a gap.
 */
final class SeqTrack {
    /** What one number was. */
    enum Outcome { NEW, LATE, DUPLICATE }

    /** A range of missing numbers, both ends included. */
    record Gap(long from, long to) {
        long size() {
            return to - from + 1;
        }
    }

    private static final int MAX_GAPS = 1000;

    private long highest = -1;
    private final List<Gap> gaps = new ArrayList<>();
    private long duplicates;

    SeqTrack() {
    }

    SeqTrack(long highest, List<Gap> gaps, long duplicates) {
        this.highest = highest;
        this.gaps.addAll(gaps);
        this.duplicates = duplicates;
    }

    Outcome accept(long seq) {
        if (highest < 0 || seq == highest + 1) {
            highest = seq;
            return Outcome.NEW;
        }
        if (seq > highest) {
            if (gaps.size() < MAX_GAPS) {
                gaps.add(new Gap(highest + 1, seq - 1));
            } else {
                Gap last = gaps.remove(gaps.size() - 1);
                gaps.add(new Gap(last.from(), seq - 1));
            }
            highest = seq;
            return Outcome.NEW;
        }
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            if (seq >= g.from() && seq <= g.to()) {
                gaps.remove(i);
                if (seq < g.to()) {
                    gaps.add(i, new Gap(seq + 1, g.to()));
                }
                if (seq > g.from()) {
                    gaps.add(i, new Gap(g.from(), seq - 1));
                }
                return Outcome.LATE;
            }
        }
        duplicates++;
        return Outcome.DUPLICATE;
    }

    long highest() {
        return highest;
    }

    List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    long missing() {
        return gaps.stream().mapToLong(Gap::size).sum();
    }

    long duplicates() {
        return duplicates;
    }
}
