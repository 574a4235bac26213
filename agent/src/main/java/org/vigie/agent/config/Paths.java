package org.vigie.agent.config;

/** Key paths as printed in problems: {@code rules[2].above.warning}. */
final class Paths {
    /** The path printed for a problem of the whole file. */
    static final String ROOT = "(root)";

    private Paths() {
    }

    static String key(String parent, String key) {
        return parent == null || parent.isEmpty() || parent.equals(ROOT) ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return (parent == null || parent.equals(ROOT) ? "" : parent) + "[" + i + "]";
    }
}
