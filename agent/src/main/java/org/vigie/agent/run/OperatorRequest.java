package org.vigie.agent.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A person's action sent over MQTT as {@code {"<subject key>":"…","by":"alice"}}: an
 * acknowledgement ({@code cmd/ack}, subject {@code alarm}) or a recovery's confirmation
 * ({@code cmd/recover}, subject {@code policy}). Parsed once, here: a junk payload gives one
 * problem that says what was wrong, never an exception.
 *
 * @param subject what the action names (an alarm id, a recovery id), or {@code null} with a problem
 * @param by      who acts, or {@code null} with a problem
 * @param problem why the payload was refused, or {@code null}
 */
public record OperatorRequest(String subject, String by, String problem) {
    private static final int MAX = 4096;

    /**
     * @param key       the subject's key ({@code alarm}, {@code policy})
     * @param keyWhat   what the subject is, for the problem text ({@code a string})
     * @param byWhat    what {@code by} is, for the problem text ({@code who acknowledges, a string})
     */
    public static OperatorRequest parse(String text, String key, String keyWhat, String byWhat) {
        if (text.length() > MAX) {
            return bad("payload of " + text.length() + " characters, more than " + MAX);
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return bad("not JSON: " + shorten(text));
        }
        if (n == null || !n.isObject()) {
            return bad("not a JSON object: " + shorten(text));
        }
        JsonNode subject = n.get(key);
        JsonNode by = n.get("by");
        if (subject == null || !subject.isTextual() || subject.asText().isBlank()) {
            return bad("missing \"" + key + "\" (" + keyWhat + "): " + shorten(text));
        }
        if (by == null || !by.isTextual() || by.asText().isBlank()) {
            return bad("missing \"by\" (" + byWhat + "): " + shorten(text));
        }
        return new OperatorRequest(subject.asText(), by.asText(), null);
    }

    private static OperatorRequest bad(String problem) {
        return new OperatorRequest(null, null, problem);
    }

    /** One line of at most 80 characters, control characters blanked: safe to log. */
    public static String shorten(String s) {
        String one = s.replaceAll("[\\p{Cntrl}]", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }
}
