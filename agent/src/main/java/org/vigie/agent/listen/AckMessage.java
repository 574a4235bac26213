package org.vigie.agent.listen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.vigie.agent.run.Json;

/**
 * An acknowledgement on {@code vigie/<site>/shutdown/<group>/ack/<host>} (SPEC §3):
 * {@code {"host","group","seq","state","reason","ts"}}. {@code seq} is the seq of the command it
 * answers ({@code null} when that could not be read).
 */
record AckMessage(String host, String group, Long seq, AckState state, String reason, Instant ts) {

    byte[] toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("host", host);
        n.put("group", group);
        if (seq == null) {
            n.putNull("seq");
        } else {
            n.put("seq", seq);
        }
        n.put("state", state.wire());
        n.put("reason", reason);
        n.put("ts", Json.ts(ts));
        return Json.bytes(n);
    }
}
