package org.vigie.agent.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file, so all of them are reported at once. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();

    void add(Node.Loc loc, String path, String message) {
        list.add(new Problem(loc, path, message));
    }

    void add(Problem p) {
        list.add(p);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** In file order. */
    List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt((Problem p) -> p.loc().line()).thenComparingInt(p -> p.loc().column()));
        return out;
    }
}
