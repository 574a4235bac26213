package org.vigie.agent.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import org.vigie.agent.run.Json;

/**
 * The words of an ordered recovery's notifications (docs/recovery.md): a person must confirm,
 * the servers are back, some are not, or a returning alarm stopped it.
 */
final class RecoveryTexts {
    /** The journal steps of a recovery that reach people. */
    static final Set<String> STEPS = Set.of("confirm", "complete", "incomplete", "stopped");

    private RecoveryTexts() {
    }

    /** @param e a {@code recovery} journal event whose step is one of {@link #STEPS} */
    static Message of(JsonNode e, String site, String agent) {
        String id = e.path("recovery").asText();
        String step = e.path("step").asText();
        String root = "vigie/" + site + "/" + agent;
        String what = switch (step) {
            case "confirm" -> "WAITS FOR CONFIRMATION: alarms of " + e.path("policy").asText()
                    + " cleared; confirm with vigie recover --policy " + id;
            case "complete" -> "COMPLETE: every server the policy stopped is back";
            case "incomplete" -> "INCOMPLETE: not back: " + list(e.path("missing"));
            default -> "STOPPED: alarm(s) back: " + list(e.path("alarms"));
        };
        String text = "RECOVERY " + id + " " + what + " " + site + "/" + agent;
        StringBuilder body = new StringBuilder(text).append("\n\n");
        body.append("recovery:  ").append(id).append(" (after shutdown policy ").append(e.path("policy").asText()).append(")\n");
        body.append("state:     ").append(e.path("state").asText()).append('\n');
        body.append("site:      ").append(site).append(", agent ").append(agent).append('\n');
        body.append("progress:  ").append(root).append("/recovery/").append(id).append('\n');
        if (step.equals("confirm")) {
            body.append("\nConfirm on MQTT: ").append(root).append("/cmd/recover {\"policy\":\"").append(id)
                    .append("\",\"by\":\"NAME\"}\n");
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("recovery", id);
        json.put("policy", e.path("policy").asText());
        json.put("state", e.path("state").asText());
        json.put("site", site);
        json.put("agent", agent);
        if (e.has("missing")) {
            json.set("missing", e.get("missing"));
        }
        if (e.has("alarms")) {
            json.set("alarms", e.get("alarms"));
        }
        json.put("message", text);
        return new Message(Message.Kind.RECOVERY, null, text, "[vigie] " + text, body.toString(),
                new String(Json.bytes(json), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String list(JsonNode a) {
        StringBuilder sb = new StringBuilder();
        a.forEach(x -> sb.append(sb.length() == 0 ? "" : ", ").append(x.asText()));
        return sb.length() == 0 ? "(none named)" : sb.toString().toLowerCase(Locale.ROOT);
    }
}
