package org.vigie.sensors.modem;

import java.text.Normalizer;

/**
 * Makes a text fit one SMS in the GSM 7-bit alphabet (160 characters): accents are dropped, a
 * character the alphabet lacks (or that costs two, like {@code [}) becomes a near one or {@code ?},
 * control characters (Ctrl-Z ends the AT+CMGS text) become spaces, and a longer text is cut with
 * {@code ..} at the end. The caller puts the essentials first.
 */
public final class SmsText {
    public static final int MAX = 160;
    private static final String SAFE_PUNCTUATION = " !\"#%&'()*+,-./:;<=>?_";

    private SmsText() {
    }

    public static String fit(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder sb = new StringBuilder(Math.min(plain.length(), MAX + 1));
        for (int i = 0; i < plain.length() && sb.length() <= MAX; i++) {
            sb.append(gsm(plain.charAt(i)));
        }
        String out = sb.toString().replaceAll(" {2,}", " ").strip();
        return out.length() <= MAX ? out : out.substring(0, MAX - 2).stripTrailing() + "..";
    }

    private static String gsm(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE_PUNCTUATION.indexOf(c) >= 0) {
            return String.valueOf(c);
        }
        return switch (c) {
            case '[', '{' -> "(";
            case ']', '}' -> ")";
            case '→' -> ">";
            case '°' -> "";
            case '\n', '\r', '\t' -> " ";
            case '@' -> "(at)";
            default -> Character.isISOControl(c) ? " " : "?";
        };
    }
}
