package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.agent.run.Json;

/**
 * The staff board's page: every site and agent (reachable or not, since when), every raised alarm
 * with severity and age, each agent's seq continuity (a gap in red) and recent timeline. Plain
 * HTML, reloaded every 5 s by the browser; the same data is {@code /api/fleet}.
 */
final class StaffPage {
    private StaffPage() {
    }

    static String render(Board board) {
        Fleet fleet = board.fleet();
        Instant now = board.now();
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"5\"><title>vigie board ")
                .append(Html.esc(board.config().board())).append("</title><style>").append(Html.STYLE)
                .append("</style></head><body>\n<h1>vigie board ").append(Html.esc(board.config().board()))
                .append("</h1>\n");
        List<Map.Entry<AgentView, ActiveAlarm>> raised = fleet.raised();
        long down = fleet.agents().stream().filter(v -> !v.reachable).count();
        long gaps = fleet.agents().stream().filter(v -> v.seq.missing() > 0).count();
        String cls = raised.stream().anyMatch(e -> e.getValue().severity().wire().equals("critical")) ? "crit"
                : down > 0 || gaps > 0 ? "dark" : raised.isEmpty() ? "ok" : "warn";
        b.append("<div class=\"banner ").append(cls).append("\">").append(fleet.agents().size()).append(" agent(s), ")
                .append(down).append(" unreachable, ").append(raised.size()).append(" raised alarm(s)")
                .append(gaps > 0 ? ", " + gaps + " agent(s) with missing events" : "").append("</div>\n");
        b.append("<h2>Raised alarms</h2>\n");
        if (raised.isEmpty()) {
            b.append("<p class=\"muted\">None.</p>\n");
        } else {
            b.append("<table><tr><th>Severity</th><th>Alarm</th><th>Site / agent</th><th>Since</th><th>Age</th>")
                    .append("<th>State</th><th>Message</th></tr>\n");
            for (Map.Entry<AgentView, ActiveAlarm> e : raised) {
                ActiveAlarm a = e.getValue();
                b.append("<tr><td><span class=\"state ").append(a.severity().wire().equals("critical") ? "crit" : "warn")
                        .append("\">").append(a.severity().wire()).append("</span></td><td>").append(Html.esc(a.id()))
                        .append("</td><td>").append(Html.esc(e.getKey().key())).append("</td><td>")
                        .append(Json.ts(a.since())).append("</td><td>").append(age(a.since(), now)).append("</td><td>")
                        .append(Html.esc(a.state())).append("</td><td>").append(Html.esc(a.message())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Agents</h2>\n<table><tr><th>Site / agent</th><th>Reachable</th><th>Since</th><th>Last heard</th>")
                .append("<th>Events</th><th>Continuity</th></tr>\n");
        for (AgentView v : fleet.agents()) {
            b.append("<tr><td><a href=\"#").append(Html.esc(v.key())).append("\">").append(Html.esc(v.key()))
                    .append("</a>").append(board.componentOf(v.site, v.agent) == null ? " <span class=\"muted\">(in no component)</span>" : "")
                    .append("</td><td><span class=\"state ").append(v.reachable ? "ok" : "dark").append("\">")
                    .append(v.reachable ? "reachable" : "unreachable (" + v.why + ")").append("</span></td><td>")
                    .append(Json.ts(v.reachableSince)).append(" (").append(age(v.reachableSince, now)).append(")</td><td>")
                    .append(age(v.lastSeen, now)).append(" ago</td><td>").append(v.events).append(" (last seq ")
                    .append(v.seq.highest()).append(")</td><td>").append(continuity(v)).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Timelines</h2>\n");
        for (AgentView v : fleet.agents()) {
            b.append("<h3 id=\"").append(Html.esc(v.key())).append("\">").append(Html.esc(v.key())).append("</h3>\n");
            List<ObjectNode> events = new ArrayList<>(v.timeline);
            events.sort((x, y) -> Long.compare(y.path("seq").asLong(), x.path("seq").asLong()));
            if (events.isEmpty()) {
                b.append("<p class=\"muted\">No event yet.</p>\n");
                continue;
            }
            b.append("<ul>");
            for (ObjectNode e : events.subList(0, Math.min(30, events.size()))) {
                b.append("<li><span class=\"muted\">#").append(e.path("seq").asLong()).append(' ')
                        .append(Html.esc(e.path("ts").asText())).append("</span> ").append(Html.esc(describe(e)))
                        .append(e.path("late").asBoolean() ? " <span class=\"muted\">(arrived late)</span>" : "")
                        .append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append("<p class=\"muted\">").append(Json.ts(now)).append(" · <a href=\"/api/fleet\">/api/fleet</a></p></body></html>\n");
        return b.toString();
    }

    private static String continuity(AgentView v) {
        if (v.seq.missing() == 0) {
            return v.seq.duplicates() > 0 ? "whole (" + v.seq.duplicates() + " duplicate(s) ignored)" : "whole";
        }
        StringBuilder s = new StringBuilder("<span class=\"gap\">").append(v.seq.missing()).append(" missing: ");
        v.seq.gaps().stream().limit(5).forEach(g -> s.append(g.from() == g.to() ? "" + g.from() : g.from() + "–" + g.to()).append(' '));
        return s.append("</span>").toString();
    }

    static String describe(JsonNode e) {
        String type = e.path("type").asText();
        if (type.equals("alarm")) {
            return "alarm " + e.path("alarm").asText() + " " + e.path("transition").asText(e.path("state").asText())
                    + " " + e.path("severity").asText() + ": " + e.path("message").asText("");
        }
        StringBuilder s = new StringBuilder(type);
        e.fields().forEachRemaining(f -> {
            if (!List.of("seq", "ts", "type", "late").contains(f.getKey()) && f.getValue().isValueNode()) {
                s.append(' ').append(f.getKey()).append('=').append(f.getValue().asText());
            }
        });
        return s.length() > 300 ? s.substring(0, 300) + "…" : s.toString();
    }

    static String age(Instant since, Instant now) {
        long s = Math.max(0, Duration.between(since, now).toSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " d";
    }
}
