package org.vigie.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A test's MQTT subscriber: records every message and waits for the ones it expects. */
public final class Subscriber implements MqttCallback, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One received message. */
    public record Received(String topic, String payload, boolean retained, long nanos) {
        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    public Subscriber(String url, String filter) throws MqttException {
        client = new MqttClient(url, "test-sub-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
        client.subscribe(filter, 1);
    }

    @Override
    public synchronized void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                message.isRetained(), System.nanoTime()));
        notifyAll();
    }

    public synchronized List<Received> all() {
        return new ArrayList<>(received);
    }

    /** Waits for the first message (received at any time) that matches. */
    public synchronized Received await(Predicate<Received> p, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Received r : received) {
                if (p.test(r)) {
                    return r;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; received: " + received);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for a message on {@code topic} whose JSON field {@code field} equals {@code value}. */
    public Received await(String topic, String field, String value, Duration timeout) throws InterruptedException {
        return await(r -> r.topic().equals(topic) && r.payload().startsWith("{")
                && value.equals(r.json().path(field).asText()), timeout, topic + " with " + field + "=" + value);
    }

    public synchronized void clear() {
        received.clear();
    }

    @Override
    public void connectionLost(Throwable cause) {
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
