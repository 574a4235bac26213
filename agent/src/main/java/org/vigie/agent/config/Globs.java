package org.vigie.agent.config;

import java.util.regex.Pattern;

/** Glob patterns of alarm ids, as routes and shutdown policies write them: {@code ups-*}, {@code *.fault}. */
final class Globs {

    private Globs() {
    }

    /** Whether {@code text} is a pattern rather than one id. */
    static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** {@code *} matches any characters (dots included), {@code ?} one; everything else itself. */
    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString());
    }
}
