package org.vigie.agent.board;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule of the public files: no sensor id, host name, IP address or alarm message text. The
 * board's own texts are templates over public component names, so only a staff note needs this
 * check: it is refused when it names an internal id the board knows or looks like an address.
 */
final class Redaction {
    static final int MAX_NOTE = 1000;
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\b[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}\\b");
    /** A dotted name with a letter in its last label: a host name (example.net, db1.dc.local). */
    private static final Pattern HOST = Pattern.compile("\\b[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z][A-Za-z0-9-]+\\b");

    private Redaction() {
    }

    /** Why {@code text} may not be published, or {@code null}. */
    static String problem(String text, Collection<String> internalIds) {
        if (text == null || text.isBlank()) {
            return "the note is empty";
        }
        if (text.length() > MAX_NOTE) {
            return "the note is longer than " + MAX_NOTE + " characters";
        }
        if (IPV4.matcher(text).find() || IPV6.matcher(text).find()) {
            return "the note holds an IP address; public files never do";
        }
        if (HOST.matcher(text).find()) {
            return "the note holds a host name (a dotted name); public files never do";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String id : internalIds) {
            if (id.length() >= 3 && Pattern.compile("(^|[^a-z0-9_-])" + Pattern.quote(id.toLowerCase(Locale.ROOT))
                    + "($|[^a-z0-9_-])").matcher(lower).find()) {
                return "the note names the internal id " + id + "; public files never do";
            }
        }
        return null;
    }
}
