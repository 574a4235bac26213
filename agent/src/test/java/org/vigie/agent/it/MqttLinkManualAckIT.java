package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.MqttConfig;
import org.vigie.agent.mqtt.MqttLink;
import org.vigie.agent.mqtt.MqttSettings;

/** Manual acks: a message not yet acknowledged comes again to the persistent session; an acknowledged one does not. */
class MqttLinkManualAckIT {
    @TempDir
    Path dir;

    private MqttLink link(Mosquitto broker, BlockingQueue<Runnable> acks) throws Exception {
        MqttConfig cfg = new MqttConfig(List.of(URI.create(broker.url())), "manual-ack-it", null, null, null);
        MqttLink link = new MqttLink(MqttSettings.of(cfg, "test/status", false));
        link.subscribeAcking("test/cmd", (topic, payload, retained, ack) -> acks.add(ack));
        link.start();
        return link;
    }

    @Test
    void anUnacknowledgedMessageIsDeliveredAgainAfterARestart() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start()) {
            BlockingQueue<Runnable> acks = new LinkedBlockingQueue<>();
            try (Subscriber status = new Subscriber(broker.url(), "test/status")) {
                MqttLink first = link(broker, acks);
                status.await(r -> r.payload().equals("online"), java.time.Duration.ofSeconds(10), "online");
                publish(broker);
                assertTrue(acks.poll(10, TimeUnit.SECONDS) != null, "delivered");
                first.close();
            }
            MqttLink second = link(broker, acks);
            Runnable again = acks.poll(10, TimeUnit.SECONDS);
            assertTrue(again != null, "an unacknowledged message comes again");
            again.run();
            Thread.sleep(300);
            second.close();
            MqttLink third = link(broker, acks);
            assertEquals(null, acks.poll(2, TimeUnit.SECONDS), "an acknowledged message does not come again");
            third.close();
        }
    }

    private static void publish(Mosquitto broker) throws Exception {
        MqttClient c = new MqttClient(broker.url(), "manual-ack-pub", new MemoryPersistence());
        c.connect();
        MqttMessage m = new MqttMessage("hello".getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        c.publish("test/cmd", m);
        c.disconnect();
        c.close();
    }
}
