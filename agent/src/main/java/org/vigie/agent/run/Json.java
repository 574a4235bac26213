package org.vigie.agent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.alarm.Transition;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/** The payloads of SPEC §3, built with Jackson. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Json() {
    }

    /** RFC 3339 UTC with milliseconds. */
    public static String ts(Instant t) {
        return TS.format(t);
    }

    static void value(ObjectNode n, String field, Object value) {
        if (value instanceof Double d) {
            n.put(field, d);
        } else if (value instanceof Boolean b) {
            n.put(field, b);
        } else if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value.toString());
        }
    }

    /** {@code sensors/<channel>}. */
    static byte[] reading(Reading r, ChannelSpec spec, String sensorId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sensor", sensorId);
        n.put("channel", r.channel());
        value(n, "value", r.value());
        if (spec != null && spec.unit() != null) {
            n.put("unit", spec.unit());
        } else {
            n.putNull("unit");
        }
        n.put("quality", r.quality().wire());
        if (r.problem() != null) {
            n.put("problem", r.problem());
        }
        n.put("ts", ts(r.ts()));
        return bytes(n);
    }

    /** The payload of {@code alarms/<alarm>} as a tree (webhooks send it as is). */
    public static ObjectNode alarmNode(Alarm a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alarm", a.id());
        n.put("severity", a.severity().wire());
        n.put("state", a.state().wire());
        n.put("sensor", a.sensors().size() == 1 ? a.sensors().get(0) : null);
        if (a.sensors().size() > 1) {
            a.sensors().forEach(n.putArray("sensors")::add);
        }
        value(n, "value", a.value());
        value(n, "threshold", a.threshold());
        n.put("since", ts(a.since()));
        n.put("ts", ts(a.ts()));
        n.put("message", a.message());
        n.put("acked_by", a.ackedBy());
        return n;
    }

    /** {@code alarms/<alarm>}. */
    public static byte[] alarm(Alarm a) {
        return bytes(alarmNode(a));
    }

    /**
     * {@code alarms/<alarm>} with {@code kind}: the configured kind of the alarm's first sensor
     * ({@code leak}, {@code temperature}, {@code on_battery}…), so that a consumer far from the
     * configuration (the fleet board's public page) can tell water from heat from power.
     */
    static byte[] alarm(Alarm a, java.util.Map<String, ChannelSpec> channels) {
        return bytes(withKind(alarmNode(a), a, channels));
    }

    /** {@code events}, type {@code alarm}, with the alarm's {@code kind} as in {@link #alarm(Alarm, java.util.Map)}. */
    static ObjectNode alarmEvent(Transition t, java.util.Map<String, ChannelSpec> channels) {
        return withKind(alarmEvent(t), t.alarm(), channels);
    }

    private static ObjectNode withKind(ObjectNode n, Alarm a, java.util.Map<String, ChannelSpec> channels) {
        String kind = null;
        if (!a.sensors().isEmpty()) {
            String first = a.sensors().get(0);
            ChannelSpec spec = channels.get(first);
            if (spec == null) {
                spec = channels.values().stream().filter(c -> c.address().startsWith(first + ".")).findFirst()
                        .orElse(null);
            }
            kind = spec == null ? null : spec.kind();
        }
        if (kind != null) {
            n.put("kind", kind);
        }
        return n;
    }

    /** {@code events}, type {@code alarm}. */
    static ObjectNode alarmEvent(Transition t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "alarm");
        n.put("transition", t.kind().wire());
        ObjectNode a = alarmNode(t.alarm());
        a.remove("since");
        a.remove("ts");
        n.setAll(a);
        if (t.previous() != null) {
            n.put("previous_severity", t.previous().wire());
        }
        return n;
    }

    public static byte[] bytes(ObjectNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + n, e);
        }
    }
}
