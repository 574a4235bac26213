package org.vigie.agent.shutdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.vigie.agent.run.Json;

/**
 * The body of a shutdown command (SPEC §5):
 * {@code {"v":1,"action":"shutdown|cancel","site","group","agent","seq","issued","expires","delay_s","reason","alarms"}}.
 */
public record Command(int v, Action action, String site, String group, String agent, long seq, Instant issued,
                      Instant expires, long delaySeconds, String reason, List<String> alarms) {

    public static final int VERSION = 1;

    public enum Action {
        SHUTDOWN, CANCEL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The body as the exact JSON string that is signed. */
    public String toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("v", v);
        n.put("action", action.wire());
        n.put("site", site);
        n.put("group", group);
        n.put("agent", agent);
        n.put("seq", seq);
        n.put("issued", Json.ts(issued));
        n.put("expires", Json.ts(expires));
        n.put("delay_s", delaySeconds);
        n.put("reason", reason);
        alarms.forEach(n.putArray("alarms")::add);
        return new String(Json.bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }
}
