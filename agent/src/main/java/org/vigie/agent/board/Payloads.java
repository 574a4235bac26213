package org.vigie.agent.board;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the payloads the board takes in, with limits: junk is refused with a reason, never a crash. */
final class Payloads {
    /** Larger payloads are refused unread: an agent's largest is an alarm of about 1 KB. */
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BYTES).maxNumberLength(64).build());
    }

    private Payloads() {
    }

    static JsonNode object(byte[] payload) throws Fleet.Rejected {
        size(payload);
        try {
            JsonNode n = MAPPER.readTree(payload);
            if (n == null || !n.isObject()) {
                throw new Fleet.Rejected("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new Fleet.Rejected("not JSON");
        }
    }

    static String status(byte[] payload) throws Fleet.Rejected {
        size(payload);
        String s = new String(payload, StandardCharsets.UTF_8).strip();
        if (!s.equals("online") && !s.equals("offline")) {
            throw new Fleet.Rejected("a status is online or offline");
        }
        return s;
    }

    static Instant instant(JsonNode n, String field) {
        String s = AgentView.text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void size(byte[] payload) throws Fleet.Rejected {
        if (payload.length > MAX_BYTES) {
            throw new Fleet.Rejected("payload of " + payload.length + " bytes, more than " + MAX_BYTES);
        }
    }
}
