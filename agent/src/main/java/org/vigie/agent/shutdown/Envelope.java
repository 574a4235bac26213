package org.vigie.agent.shutdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.vigie.agent.run.Json;

/**
 * The signed envelope published on {@code vigie/<site>/shutdown/<group>}:
 * {@code {"body":"<command JSON>","sig":"<base64 Ed25519 over body's UTF-8>","key":"<key id>"}}.
 */
public final class Envelope {
    private Envelope() {
    }

    /** Signs {@code command} with {@code keys}; returns the payload to publish. */
    public static byte[] seal(Command command, KeyPair keys) {
        String body = command.toJson();
        byte[] sig = Signatures.sign(keys.getPrivate(), body.getBytes(StandardCharsets.UTF_8));
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("body", body);
        n.put("sig", Base64.getEncoder().encodeToString(sig));
        n.put("key", Keys.id(keys.getPublic()));
        return Json.bytes(n);
    }
}
