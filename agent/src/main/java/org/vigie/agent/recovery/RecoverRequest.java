package org.vigie.agent.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.vigie.agent.run.Json;

/** A person's confirmation from {@code cmd/recover}: {@code {"policy":"flood-rack-a-back","by":"alice"}}. */
record RecoverRequest(String policy, String by, String problem) {
    private static final int MAX = 4096;

    static RecoverRequest parse(String text) {
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
        JsonNode policy = n.get("policy");
        JsonNode by = n.get("by");
        if (policy == null || !policy.isTextual() || policy.asText().isBlank()) {
            return bad("missing \"policy\" (the recovery's id, a string): " + shorten(text));
        }
        if (by == null || !by.isTextual() || by.asText().isBlank()) {
            return bad("missing \"by\" (who confirms, a string): " + shorten(text));
        }
        return new RecoverRequest(policy.asText(), by.asText(), null);
    }

    private static RecoverRequest bad(String problem) {
        return new RecoverRequest(null, null, problem);
    }

    static String shorten(String s) {
        String one = s.replaceAll("[\\p{Cntrl}]", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }
}
