package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.vigie.agent.run.Json;

/**
 * {@code status.json} (its schema: {@code docs/status.schema.json}); the same tree, read back, is
 * the public book's durable copy. Only public words: component names, states, template texts and
 * staff notes.
 */
final class PublicJson {
    private PublicJson() {
    }

    static ObjectNode write(String title, List<String> components, PublicBook book) {
        ObjectNode root = FleetJson.MAPPER.createObjectNode();
        root.put("title", title);
        root.put("updated", Json.ts(book.changed));
        root.put("status", overall(book));
        ArrayNode cs = root.putArray("components");
        for (String name : components) {
            PublicBook.ComponentState s = book.states.get(name);
            if (s != null) {
                ObjectNode c = cs.addObject();
                c.put("name", name);
                c.put("state", s.state());
                c.put("since", Json.ts(s.since()));
            }
        }
        ArrayNode is = root.putArray("incidents");
        for (int k = book.incidents.size() - 1; k >= 0; k--) {
            Incident i = book.incidents.get(k);
            ObjectNode n = is.addObject();
            n.put("id", String.valueOf(i.id));
            n.put("component", i.component);
            n.put("title", i.title());
            n.put("state", i.open() ? "open" : "resolved");
            ArrayNode kinds = n.putArray("kinds");
            i.kinds.forEach(x -> kinds.add(x.wire));
            n.put("opened", Json.ts(i.opened));
            if (i.resolved != null) {
                n.put("resolved", Json.ts(i.resolved));
            } else {
                n.putNull("resolved");
            }
            ArrayNode us = n.putArray("updates");
            for (Incident.Update u : i.updates) {
                us.addObject().put("ts", Json.ts(u.ts())).put("text", u.text()).put("by", u.by());
            }
        }
        return root;
    }

    /** The worst component state: what the page says at the top. */
    static String overall(PublicBook book) {
        List<String> order = List.of(PublicBook.OPERATIONAL, PublicBook.DEGRADED, PublicBook.UNREACHABLE,
                PublicBook.MAJOR_OUTAGE);
        return book.states.values().stream().map(PublicBook.ComponentState::state)
                .max((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))).orElse(PublicBook.OPERATIONAL);
    }

    static PublicBook read(JsonNode root) {
        PublicBook book = new PublicBook();
        book.changed = Instant.parse(root.path("updated").asText(Json.ts(Instant.EPOCH)));
        book.nextId = root.path("next_id").asInt(1);
        for (JsonNode c : root.path("components")) {
            book.states.put(c.path("name").asText(), new PublicBook.ComponentState(c.path("state").asText(),
                    Instant.parse(c.path("since").asText())));
        }
        for (JsonNode n : root.path("incidents")) {
            Incident i = new Incident(n.path("id").asInt(), n.path("component").asText(),
                    n.path("kinds").toString().contains("\"monitoring\""), Instant.parse(n.path("opened").asText()));
            n.path("kinds").forEach(k -> i.kinds.add(PublicKind.fromWire(k.asText())));
            if (n.path("resolved").isTextual()) {
                i.resolved = Instant.parse(n.path("resolved").asText());
            }
            n.path("updates").forEach(u -> i.updates.add(new Incident.Update(Instant.parse(u.path("ts").asText()),
                    u.path("text").asText(), u.path("by").asText())));
            book.incidents.add(0, i);
        }
        return book;
    }
}
