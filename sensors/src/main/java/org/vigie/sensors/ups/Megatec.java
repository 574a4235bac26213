package org.vigie.sensors.ups;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Megatec/Q1 status line: {@code (MMM.M NNN.N PPP.P QQQ RR.R S.SS TT.T b7b6b5b4b3b2b1b0\r}.
 * Field widths vary between models, so numbers are read by shape, not by column; anything else
 * (a wrong field count, a letter, a missing parenthesis, an echo of the request) is a bad frame.
 */
final class Megatec {

    /** The poll. */
    static final byte[] Q1 = {'Q', '1', '\r'};
    /** Longest answer accepted before the carriage return (the real one is 46 characters). */
    static final int MAX_LINE = 80;

    private static final String NUM = "(\\d{1,4}(?:\\.\\d{1,3})?)";
    private static final Pattern LINE = Pattern.compile("\\(" + NUM + " " + NUM + " " + NUM + " " + NUM + " "
            + NUM + " " + NUM + " (\\d{1,4}(?:\\.\\d{1,3})?|-+\\.?-*) ([01]{8})");

    private Megatec() {
    }

    /** Thrown for an answer that is not a Q1 status line. */
    static final class BadFrameException extends Exception {
        private static final long serialVersionUID = 1L;

        BadFrameException(String message) {
            super(message);
        }
    }

    /**
     * Parses one answer, without its trailing carriage return.
     *
     * @throws BadFrameException with the line (printable) in the message
     */
    static Q1Status parse(String line) throws BadFrameException {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new BadFrameException("bad Q1 frame: " + printable(line));
        }
        String temp = m.group(7);
        return new Q1Status(d(m.group(1)), d(m.group(2)), d(m.group(3)), d(m.group(4)), d(m.group(5)),
                d(m.group(6)), temp.startsWith("-") ? Double.NaN : d(temp), m.group(8));
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    /** The line quoted, control characters and non-ASCII as {@code \xNN}, cut at 60 characters. */
    static String printable(String line) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(line.length(), 60); i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02X", (int) c & 0xFF));
            }
        }
        return b.append(line.length() > 60 ? "…\"" : "\"").toString();
    }
}
