package org.vigie.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho subscriber (TCP_NODELAY) that notes when each message arrives, on Paho's callback thread. */
final class AlarmSubscriber implements MqttCallback, AutoCloseable {

    /** A message and {@code System.nanoTime()} at its arrival. */
    record Arrival(long nanos, String topic, String payload, boolean retained) {
    }

    private final MqttClient client;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private volatile Throwable lost;

    AlarmSubscriber(String url, String topic) throws MqttException {
        client = new MqttClient(url, "vigie-bench-sub-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setSocketFactory(new org.vigie.agent.mqtt.NoDelaySocketFactory());
        client.connect(o);
        client.subscribe(topic, 1);
    }

    BlockingQueue<Arrival> arrivals() {
        return arrivals;
    }

    Throwable lost() {
        return lost;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        long now = System.nanoTime();
        arrivals.add(new Arrival(now, topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                message.isRetained()));
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost = cause;
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // a subscriber publishes nothing
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
