package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.Severity;
import org.vigie.agent.run.Json;

/**
 * The fleet as JSON: {@code GET /api/fleet}, and (with every timeline) the board's durable view in
 * {@code state_dir}, read back at start so that a restart shows the same board at once.
 */
final class FleetJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private FleetJson() {
    }

    static ObjectNode write(String board, Fleet fleet, java.util.function.BiFunction<String, String, String> component,
                            Instant now, boolean timelines) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("board", board);
        root.put("ts", Json.ts(now));
        ArrayNode sites = root.putArray("sites");
        ObjectNode site = null;
        for (AgentView v : fleet.agents()) {
            if (site == null || !site.get("site").asText().equals(v.site)) {
                site = sites.addObject();
                site.put("site", v.site);
                site.putArray("agents");
            }
            ObjectNode a = ((ArrayNode) site.get("agents")).addObject();
            a.put("agent", v.agent);
            a.put("component", component.apply(v.site, v.agent));
            a.put("reachable", v.reachable);
            a.put("since", Json.ts(v.reachableSince));
            a.put("why", v.why);
            a.put("last_seen", Json.ts(v.lastSeen));
            a.put("events", v.events);
            ObjectNode seq = a.putObject("seq");
            seq.put("highest", v.seq.highest());
            seq.put("missing", v.seq.missing());
            ArrayNode gaps = seq.putArray("gaps");
            v.seq.gaps().forEach(g -> gaps.addArray().add(g.from()).add(g.to()));
            seq.put("duplicates", v.seq.duplicates());
            ArrayNode alarms = a.putArray("alarms");
            v.alarms.values().forEach(x -> alarms.add(alarm(x, now)));
            ArrayNode timeline = a.putArray("timeline");
            List<ObjectNode> events = new ArrayList<>(v.timeline);
            events.sort((x, y) -> Long.compare(x.path("seq").asLong(), y.path("seq").asLong()));
            int from = timelines ? 0 : Math.max(0, events.size() - 50);
            events.subList(from, events.size()).forEach(timeline::add);
        }
        ArrayNode raised = root.putArray("alarms");
        for (Map.Entry<AgentView, ActiveAlarm> e : fleet.raised()) {
            ObjectNode n = alarm(e.getValue(), now);
            n.put("site", e.getKey().site);
            n.put("agent", e.getKey().agent);
            raised.add(n);
        }
        return root;
    }

    private static ObjectNode alarm(ActiveAlarm x, Instant now) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alarm", x.id());
        n.put("severity", x.severity().wire());
        n.put("state", x.state());
        n.put("kind", x.kind());
        n.put("since", Json.ts(x.since()));
        n.put("age_s", Math.max(0, Duration.between(x.since(), now).toSeconds()));
        n.put("sensor", x.sensor());
        n.put("message", x.message());
        return n;
    }

    /** The agents of a view written by {@link #write} (with timelines). */
    static List<AgentView> read(JsonNode root) {
        List<AgentView> out = new ArrayList<>();
        for (JsonNode site : root.path("sites")) {
            for (JsonNode a : site.path("agents")) {
                AgentView v = new AgentView(site.path("site").asText(), a.path("agent").asText(),
                        Instant.parse(a.path("last_seen").asText()));
                v.reachable = a.path("reachable").asBoolean();
                v.reachableSince = Instant.parse(a.path("since").asText());
                v.why = a.path("why").isTextual() ? a.path("why").asText() : null;
                v.events = a.path("events").asLong();
                JsonNode seq = a.path("seq");
                List<SeqTrack.Gap> gaps = new ArrayList<>();
                seq.path("gaps").forEach(g -> gaps.add(new SeqTrack.Gap(g.get(0).asLong(), g.get(1).asLong())));
                v.seq = new SeqTrack(seq.path("highest").asLong(-1), gaps, seq.path("duplicates").asLong());
                for (JsonNode x : a.path("alarms")) {
                    v.alarms.put(x.path("alarm").asText(), new ActiveAlarm(x.path("alarm").asText(),
                            Severity.of(x.path("severity").asText()), x.path("state").asText(), text(x, "kind"),
                            Instant.parse(x.path("since").asText()), text(x, "sensor"), text(x, "message")));
                }
                a.path("timeline").forEach(e -> v.remember((ObjectNode) e));
                out.add(v);
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText() : null;
    }
}
