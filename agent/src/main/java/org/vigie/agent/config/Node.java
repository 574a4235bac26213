package org.vigie.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node with the place it was written: the configuration's located tree. */
sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

    /** Where the node starts in the file (1-based line and column). */
    Loc loc();

    /** A 1-based position in the file. */
    record Loc(int line, int column) {
        static final Loc START = new Loc(1, 1);
    }

    /** A key of a mapping with where the key itself is written. */
    record Entry(String key, Loc keyLoc, Node value) {
    }

    /** A mapping; keys in file order. */
    record Mapping(Loc loc, Map<String, Entry> entries) implements Node {
        Mapping(Loc loc) {
            this(loc, new LinkedHashMap<>());
        }
    }

    record Sequence(Loc loc, List<Node> items) implements Node {
    }

    /**
     * A scalar as YAML typed it: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or
     * {@code null} for {@code ~}/{@code null}/empty; {@code text} as it was written (YAML 1.1 reads
     * {@code on} as true, but an argv's {@code chassis power on} means the word).
     */
    record Scalar(Loc loc, Object value, String text) implements Node {
        Scalar(Loc loc, Object value) {
            this(loc, value, value == null ? null : value.toString());
        }
    }

    /** A short description of what a node is, for "must be X, was Y" messages. */
    static String describe(Node node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Object v = ((Scalar) node).value();
        return v == null ? "empty" : v.toString();
    }
}
