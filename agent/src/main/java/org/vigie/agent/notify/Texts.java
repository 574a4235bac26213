package org.vigie.agent.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.run.Json;

/** Words of the notifications: the essentials first, so that a cut SMS still says what matters. */
final class Texts {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final String site;
    private final String agent;

    Texts(String site, String agent) {
        this.site = site;
        this.agent = agent;
    }

    private String where() {
        return site + "/" + agent;
    }

    Message transition(Transition t) {
        Alarm a = t.alarm();
        String state = switch (t.kind()) {
            case RAISED -> "ACTIVE";
            case ESCALATED -> "ESCALATED from " + t.previous().wire();
            case DEESCALATED -> "DEESCALATED from " + t.previous().wire();
            case ACKNOWLEDGED -> "ACKED by " + a.ackedBy();
            case CLEARED -> "CLEARED";
        };
        return alarm(Message.Kind.ALARM, a, state);
    }

    Message repeat(Alarm a) {
        return alarm(Message.Kind.REPEAT, a, "STILL ACTIVE since " + HM.format(a.since()));
    }

    private Message alarm(Message.Kind kind, Alarm a, String state) {
        String text = a.severity().wire().toUpperCase(Locale.ROOT) + " " + a.id() + " " + state + " " + where() + ": "
                + a.message();
        StringBuilder body = new StringBuilder(text).append("\n\n");
        body.append("alarm:     ").append(a.id()).append('\n');
        body.append("severity:  ").append(a.severity().wire()).append('\n');
        body.append("state:     ").append(a.state().wire()).append(a.ackedBy() == null ? "" : " (by " + a.ackedBy() + ")").append('\n');
        body.append("sensors:   ").append(String.join(", ", a.sensors())).append('\n');
        body.append("value:     ").append(a.value()).append(a.threshold() == null ? "" : " (threshold " + a.threshold() + ")").append('\n');
        body.append("since:     ").append(Json.ts(a.since())).append('\n');
        body.append("site:      ").append(site).append(", agent ").append(agent).append('\n');
        body.append("\nAcknowledge on MQTT: vigie/").append(site).append('/').append(agent)
                .append("/cmd/ack {\"alarm\":\"").append(a.id()).append("\",\"by\":\"NAME\"}\n");
        return new Message(kind, a.id(), text, "[vigie] " + text, body.toString(), json(Json.alarmNode(a)));
    }

    /** Several messages held during a storm, as one. */
    Message digest(List<Message> held, Instant now) {
        String head = "DIGEST " + held.size() + " alarm messages " + where() + ": ";
        StringBuilder line = new StringBuilder(head);
        StringBuilder body = new StringBuilder(head.strip()).append(" (").append(Json.ts(now)).append(")\n\n");
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("digest", true);
        json.put("site", site);
        json.put("agent", agent);
        json.put("count", held.size());
        ArrayNode items = json.putArray("messages");
        for (int i = 0; i < held.size(); i++) {
            Message m = held.get(i);
            line.append(i == 0 ? "" : "; ").append(shortForm(m));
            body.append("- ").append(m.text()).append('\n');
            items.add(parse(m.json()));
        }
        return new Message(Message.Kind.DIGEST, null, line.toString(), "[vigie] " + head + shortForms(held),
                body.toString(), json(json));
    }

    Message dropped(String channel, int count, Instant since, int perHour) {
        String text = "NOTICE " + count + " notification(s) on " + channel + " dropped since " + HM.format(since)
                + " " + where() + ": limit " + perHour + " an hour; see vigie timeline";
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("notice", "dropped");
        json.put("site", site);
        json.put("agent", agent);
        json.put("channel", channel);
        json.put("dropped", count);
        json.put("since", Json.ts(since));
        json.put("limit_per_hour", perHour);
        return new Message(Message.Kind.DROPPED, null, text, "[vigie] " + text, text + "\n", json(json));
    }

    Message test(String channel, Instant now) {
        String text = "TEST vigie " + where() + " on " + channel + " at " + Json.ts(now) + ": this path works";
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("test", true);
        json.put("site", site);
        json.put("agent", agent);
        json.put("channel", channel);
        json.put("ts", Json.ts(now));
        json.put("message", text);
        return new Message(Message.Kind.TEST, null, text, "[vigie] " + text, text + "\n", json(json));
    }

    /** {@code CRITICAL basement-leak ACTIVE} without the place and the message. */
    private String shortForm(Message m) {
        int colon = m.text().indexOf(" " + where() + ":");
        return colon < 0 ? m.text() : m.text().substring(0, colon);
    }

    private String shortForms(List<Message> held) {
        StringBuilder sb = new StringBuilder();
        for (Message m : held) {
            if (sb.length() > 120) {
                return sb.append(", …").toString();
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(shortForm(m));
        }
        return sb.toString();
    }

    private static String json(ObjectNode n) {
        return new String(Json.bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a message's own JSON does not parse: " + json, e);
        }
    }
}
