package org.vigie.agent.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** An operator's acknowledgement from {@code cmd/ack}: {@code {"alarm":"basement-leak","by":"alice"}}. */
record AckRequest(String alarm, String by, String problem) {
    private static final int MAX = 4096;

    static AckRequest parse(String text) {
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
        JsonNode alarm = n.get("alarm");
        JsonNode by = n.get("by");
        if (alarm == null || !alarm.isTextual() || alarm.asText().isBlank()) {
            return bad("missing \"alarm\" (a string): " + shorten(text));
        }
        if (by == null || !by.isTextual() || by.asText().isBlank()) {
            return bad("missing \"by\" (who acknowledges, a string): " + shorten(text));
        }
        return new AckRequest(alarm.asText(), by.asText(), null);
    }

    private static AckRequest bad(String problem) {
        return new AckRequest(null, null, problem);
    }

    private static String shorten(String s) {
        String one = s.replaceAll("[\\r\\n\\t]", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }
}
