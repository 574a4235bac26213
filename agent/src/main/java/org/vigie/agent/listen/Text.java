package org.vigie.agent.listen;

/** Text from a command made safe for a terminal: no control characters, bounded length. */
final class Text {
    private static final int MAX = 200;

    private Text() {
    }

    static String safe(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String one = s.replaceAll("\\p{Cntrl}", " ").strip();
        return one.length() > MAX ? one.substring(0, MAX) + "…" : one;
    }
}
