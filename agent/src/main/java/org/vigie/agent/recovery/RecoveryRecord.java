package org.vigie.agent.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.vigie.agent.run.Json;

/**
 * A recovery written down: the retained progress of {@code <agent-root>/recovery/<id>}, and the
 * copy kept in state_dir so that a restarted agent resumes where it was (and only then: without
 * that file, a restart alone never starts a recovery).
 */
final class RecoveryRecord {
    private RecoveryRecord() {
    }

    /** The retained progress payload. */
    static byte[] progress(Recovery r, Recovery.Facts facts, Instant now) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("recovery", r.id());
        n.put("policy", r.config.after());
        n.put("state", r.state.wire());
        ObjectNode gs = n.putObject("groups");
        if (r.plan.isEmpty()) {
            r.config.groups().forEach(g -> gs.putObject(g.id()).put("state",
                    r.down.contains(g.id()) ? Recovery.PENDING : Recovery.SKIPPED));
        } else {
            r.plan.forEach((g, s) -> gs.putObject(g).put("state", s));
        }
        gs.fields().forEachRemaining(g -> {
            ObjectNode hosts = ((ObjectNode) g.getValue()).putObject("hosts");
            r.hosts.getOrDefault(g.getKey(), List.of()).forEach(h -> hosts.put(h, facts.online(h) ? "online" : "offline"));
        });
        r.alarms.forEach(n.putArray("alarms")::add);
        r.missing.forEach(n.putArray("missing")::add);
        if (r.confirmedBy != null) {
            n.put("confirmed_by", r.confirmedBy);
        }
        if (r.state == RecoveryState.SETTLING && r.clearSince != null) {
            n.put("settled_at", Json.ts(r.settledAt()));
        }
        if (r.since != null) {
            n.put("since", Json.ts(r.since));
        }
        n.put("ts", Json.ts(now));
        return Json.bytes(n);
    }

    static ObjectNode save(Recovery r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("recovery", r.id());
        n.put("state", r.state.wire());
        r.commanded.forEach(n.putArray("commanded")::add);
        r.cancelled.forEach(n.putArray("cancelled")::add);
        r.down.forEach(n.putArray("down")::add);
        r.alarms.forEach(n.putArray("alarms")::add);
        ts(n, "since", r.since);
        ts(n, "clear_since", r.clearSince);
        ts(n, "woke_at", r.wokeAt);
        ts(n, "commands_expire", r.commandsExpire);
        if (r.confirmedBy != null) {
            n.put("confirmed_by", r.confirmedBy);
        }
        ObjectNode plan = n.putObject("plan");
        r.plan.forEach(plan::put);
        n.put("index", r.index);
        n.put("sent", r.sent);
        r.missing.forEach(n.putArray("missing")::add);
        return n;
    }

    /** Puts back what {@link #save} wrote; throws {@link IllegalArgumentException} on a file that does not fit. */
    static void restore(Recovery r, JsonNode n) {
        if (n == null || !n.isObject() || !r.id().equals(n.path("recovery").asText())) {
            throw new IllegalArgumentException("not the saved state of recovery " + r.id());
        }
        RecoveryState state = RecoveryState.of(n.path("state").asText());
        n.path("plan").fields().forEachRemaining(e -> r.plan.put(e.getKey(), e.getValue().asText()));
        for (String g : r.plan.keySet()) {
            if (r.config.groups().stream().noneMatch(x -> x.id().equals(g))) {
                throw new IllegalArgumentException("group " + g + " is no longer a group of recovery " + r.id());
            }
        }
        r.state = state;
        n.path("commanded").forEach(x -> r.commanded.add(x.asText()));
        n.path("cancelled").forEach(x -> r.cancelled.add(x.asText()));
        n.path("down").forEach(x -> r.down.add(x.asText()));
        r.alarms = Json.MAPPER.convertValue(n.path("alarms"), Json.MAPPER.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        r.since = ts(n, "since");
        r.clearSince = ts(n, "clear_since");
        r.wokeAt = ts(n, "woke_at");
        r.commandsExpire = ts(n, "commands_expire");
        r.confirmedBy = n.path("confirmed_by").isTextual() ? n.path("confirmed_by").asText() : null;
        r.index = n.path("index").asInt(-1);
        r.sent = n.path("sent").asBoolean(false);
        r.requested = r.sent;
        n.path("missing").forEach(x -> r.missing.add(x.asText()));
        if (state == RecoveryState.WAKING && (r.current() == null || r.wokeAt == null)) {
            throw new IllegalArgumentException("recovery " + r.id() + " was waking, but no group is recorded");
        }
    }

    private static void ts(ObjectNode n, String key, Instant t) {
        if (t != null) {
            n.put(key, Json.ts(t));
        }
    }

    private static Instant ts(JsonNode n, String key) {
        return n.path(key).isTextual() ? Instant.parse(n.path(key).asText()) : null;
    }
}
