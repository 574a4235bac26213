package org.vigie.agent.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;
import org.vigie.agent.run.AgentView;
import org.vigie.agent.run.Json;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/**
 * {@code GET /api/state} (SPEC §7), with a few fields more for the page: each channel's type,
 * kind and rule thresholds, the worst raised severity, the broker link and the journal's last seq.
 */
final class StateJson {
    private final AgentConfig config;
    private final ObjectNode thresholds;

    StateJson(AgentConfig config) {
        this.config = config;
        this.thresholds = thresholds(config);
    }

    ObjectNode build(AgentView view, boolean brokerConnected) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("site", config.site());
        n.put("agent", config.agent());
        n.put("ts", Json.ts(view.at()));
        n.put("broker_connected", brokerConnected);
        n.put("last_seq", view.lastSeq());
        ObjectNode channels = n.putObject("channels");
        for (ChannelSpec c : config.channels().values().stream()
                .sorted(java.util.Comparator.comparing(ChannelSpec::address)).toList()) {
            ObjectNode ch = channels.putObject(c.address());
            Reading r = view.channels().get(c.address());
            Object v = r == null ? null : r.value();
            if (v instanceof Double d) {
                ch.put("value", d);
            } else if (v instanceof Boolean b) {
                ch.put("value", b);
            } else {
                ch.putNull("value");
            }
            ch.put("unit", c.unit());
            ch.put("quality", r == null ? "stale" : r.quality().wire());
            ch.put("ts", r == null ? null : Json.ts(r.ts()));
            ch.put("problem", r == null ? "no reading yet" : r.problem());
            ch.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
            ch.put("kind", c.kind());
            if (thresholds.has(c.address())) {
                ch.set("thresholds", thresholds.get(c.address()));
            }
        }
        ObjectNode alarms = n.putObject("alarms");
        Severity worst = null;
        for (Alarm a : view.alarms()) {
            alarms.set(a.id(), Json.alarmNode(a));
            if (a.state().raised() && (worst == null || a.severity().compareTo(worst) > 0)) {
                worst = a.severity();
            }
        }
        n.put("worst", worst == null ? null : worst.wire());
        return n;
    }

    /** Each channel's rule thresholds, to draw on its plot. */
    private static ObjectNode thresholds(AgentConfig config) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (RuleConfig r : config.rules()) {
            RuleConfig.Levels l = r instanceof RuleConfig.Threshold t ? t.levels()
                    : r instanceof RuleConfig.Vote v ? v.levels() : null;
            if (l == null) {
                continue;
            }
            for (String ch : r.channels()) {
                ArrayNode list = out.has(ch) ? (ArrayNode) out.get(ch) : out.putArray(ch);
                for (Severity s : new Severity[] {Severity.WARNING, Severity.CRITICAL}) {
                    Double at = l.at(s);
                    if (at != null) {
                        ObjectNode t = list.addObject();
                        t.put("rule", r.id());
                        t.put("severity", s.wire());
                        t.put("direction", l.direction().wire());
                        t.put("value", at);
                    }
                }
            }
        }
        return out;
    }
}
