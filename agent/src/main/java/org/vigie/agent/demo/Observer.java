package org.vigie.agent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigie.agent.run.Json;

/**
 * Prints the demo's timeline from what it receives on {@code vigie/#}: the real MQTT traffic of
 * the run, not the scenario's intentions.
 */
final class Observer implements MqttCallback, AutoCloseable {
    private final MqttClient client;
    private final ScenarioTime time;
    private final Timeline timeline;
    private final Map<String, String> lastFlag = new HashMap<>();
    private final Map<String, String> lastPolicyState = new HashMap<>();
    private final Map<String, String> raised = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger alarmEvents = new AtomicInteger();
    private final Consumer<String> poweredOff;
    private final List<String> shutDown = new CopyOnWriteArrayList<>();
    private volatile String recoveryEnd;

    Observer(int port, PrintStream out, double speed, Consumer<String> poweredOff) throws MqttException {
        this.time = new ScenarioTime(speed);
        this.timeline = new Timeline(out, time);
        this.poweredOff = poweredOff;
        this.client = new MqttClient("tcp://127.0.0.1:" + port, "vigie-demo-observer", new MemoryPersistence());
        client.setCallback(this);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
        client.subscribe("vigie/#", 1);
    }

    /** The servers that acknowledged {@code executing}, in order. */
    List<String> shutDown() {
        return shutDown;
    }

    int messages() {
        return messages.get();
    }

    int alarmEvents() {
        return alarmEvents.get();
    }

    /** Alarms raised and not yet cleared, as seen on the wire. */
    Map<String, String> raised() {
        return raised;
    }

    /** Prints what the timeline still holds (before a summary line). */
    void flush() {
        timeline.flush();
    }

    /**
     * When a message's event happened: its own {@code ts} (retained state may arrive coalesced after
     * a (re)connection, and topics travel different paths, so arrival order is not used), or its
     * arrival when it carries none. The agent's {@code started} event is scenario time 00:00 (its
     * simulated sensors start then).
     */
    private long at(JsonNode payload, String field) {
        long at = System.currentTimeMillis();
        JsonNode ts = payload == null ? null : payload.get(field);
        if (ts != null && ts.isTextual()) {
            try {
                at = java.time.Instant.parse(ts.asText()).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                at = System.currentTimeMillis();
            }
        }
        if (payload != null && "agent".equals(payload.path("type").asText())
                && "started".equals(payload.path("state").asText())) {
            time.origin(at);
        }
        return at;
    }

    private long at(JsonNode payload) {
        return at(payload, "ts");
    }

    @Override
    public synchronized void messageArrived(String topic, MqttMessage message) {
        messages.incrementAndGet();
        String text = new String(message.getPayload(), StandardCharsets.UTF_8);
        String[] parts = topic.split("/");
        if (parts.length < 4) {
            return;
        }
        String kind = parts[3];
        try {
            if (parts[2].equals("shutdown") || parts[2].equals("listeners")) {
                servers(parts, text);
                return;
            }
            if (kind.equals("shutdown") && parts.length == 5) {
                policy(parts[4], Json.MAPPER.readTree(text));
            } else if (kind.equals("status") && parts.length == 4) {
                timeline.add(at(null), String.format("agent %-46s %s", parts[2], text));
            } else if (kind.equals("events")) {
                event(Json.MAPPER.readTree(text));
            } else if (kind.equals("sensors") && parts.length == 5) {
                JsonNode n = Json.MAPPER.readTree(text);
                JsonNode v = n.get("value");
                if (v != null && v.isBoolean()) {
                    String now = v.asText();
                    if (!now.equals(lastFlag.put(parts[4], now))) {
                        timeline.add(at(n), String.format("sensor %-45s %s", parts[4], now));
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            timeline.add(at(null), "(unreadable message on " + topic + ")");
        }
    }

    /** A shutdown policy's retained progress: printed when it ends, with the hosts that never answered. */
    private void policy(String id, JsonNode p) {
        String state = p.path("state").asText();
        if (!(state.equals("complete") || state.equals("cancelled")) || state.equals(lastPolicyState.put(id, state))) {
            return;
        }
        StringBuilder silent = new StringBuilder();
        p.path("no_answer").forEach(h -> silent.append(silent.length() == 0 ? "" : ", ").append(h.asText()));
        timeline.add(at(p), String.format("POLICY %-22s %s%s", id, state,
                silent.length() == 0 ? "" : "; no answer from " + silent + " (already down)"));
    }

    /** Signed commands, the servers' acknowledgements and their presence. */
    private void servers(String[] parts, String text) throws com.fasterxml.jackson.core.JsonProcessingException {
        if (parts[2].equals("listeners") && parts.length == 5) {
            timeline.add(at(null), String.format("server %-45s %s", parts[3], text));
        } else if (parts.length == 4) {
            JsonNode body = Json.MAPPER.readTree(Json.MAPPER.readTree(text).path("body").asText());
            String what = body.path("action").asText().equals("cancel") ? "signed CANCEL"
                    : "signed SHUTDOWN, " + time.seconds(body.path("delay_s").asDouble()) + " s countdown";
            timeline.add(at(body, "issued"), String.format("SEND  %-23s %s (seq %s): %s", "group " + parts[3], what,
                    body.path("seq").asText(), body.path("reason").asText()));
        } else if (parts.length == 6 && parts[4].equals("ack")) {
            JsonNode ack = Json.MAPPER.readTree(text);
            String state = ack.path("state").asText();
            timeline.add(at(ack), String.format("ACK   %-23s %s%s", parts[5] + " (" + parts[3] + ")", state,
                    ack.path("reason").isTextual() ? ": " + time.text(ack.path("reason").asText()) : ""));
            if (state.equals("executing") && !shutDown.contains(parts[5])) {
                shutDown.add(parts[5]);
                poweredOff.accept(parts[5]);
            }
        }
    }

    private void event(JsonNode e) {
        long at = at(e);
        if ("recovery".equals(e.path("type").asText())) {
            recovery(at, e);
            return;
        }
        if (!"alarm".equals(e.path("type").asText())) {
            return;
        }
        alarmEvents.incrementAndGet();
        String id = e.path("alarm").asText();
        String state = e.path("state").asText();
        if (state.equals("cleared")) {
            raised.remove(id);
        } else {
            raised.put(id, e.path("severity").asText());
        }
        String what = e.path("transition").asText();
        timeline.add(at, String.format("ALARM %-8s %-22s %-11s %s", e.path("severity").asText().toUpperCase(), id,
                what, time.text(e.path("message").asText())));
    }

    /** Whether the ordered recovery has ended (complete, incomplete or stopped). */
    boolean recovered() {
        return recoveryEnd != null;
    }

    /** The steps of the ordered recovery that tell the story: waking, back, the end. */
    private void recovery(long at, JsonNode e) {
        String step = e.path("step").asText();
        String group = e.path("group").asText();
        String what = switch (step) {
            case "settling" -> "every alarm of " + e.path("policy").asText() + " cleared; settling";
            case "waking" -> "Wake-on-LAN to group " + group;
            case "back" -> "group " + group + " back online";
            case "timeout" -> "group " + group + " NOT back in time";
            case "complete", "incomplete", "stopped" -> step;
            default -> null;
        };
        if (what != null) {
            timeline.add(at, String.format("RECOVERY %-20s %s", e.path("recovery").asText(), what));
        }
        if (step.equals("complete") || step.equals("incomplete") || step.equals("stopped")) {
            recoveryEnd = step;
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        timeline.add(at(null), "(observer lost the broker: " + cause.getMessage() + ")");
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    @Override
    public void close() throws MqttException {
        timeline.close();
        if (client.isConnected()) {
            client.disconnect(500);
        }
        client.close(true);
    }
}
