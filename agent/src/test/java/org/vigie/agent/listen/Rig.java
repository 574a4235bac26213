package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigie.agent.config.ListenerConfigLoader;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.shutdown.Command;
import org.vigie.agent.shutdown.Envelope;
import org.vigie.agent.shutdown.Keys;

/**
 * A test rig: a real Mosquitto, a trusted agent key, a listener configuration whose command
 * appends a line to a file (so a test counts the runs), and an ack recorder.
 */
final class Rig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String SITE = "it";
    static final String HOST = "db1";

    final Path dir;
    final Mosquitto broker;
    final KeyPair agentKey = Keys.generate();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    Subscriber acks;

    Rig(Path dir) throws Exception {
        this.dir = dir;
        this.broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
        Keys.write(agentKey, dir.resolve("room-b1"));
        acks = new Subscriber(broker.url(), "vigie/" + SITE + "/shutdown/+/ack/+");
    }

    Path ranFile() {
        return dir.resolve("ran");
    }

    /** How many times the command ran. */
    int runs() throws Exception {
        return Files.exists(ranFile()) ? (int) Files.readAllLines(ranFile()).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    Path config(boolean dryRun, String... groups) throws Exception {
        Path f = dir.resolve("listener.yaml");
        Files.writeString(f, String.join("\n",
                "site: " + SITE,
                "host: " + HOST,
                "state_dir: " + dir.resolve("state"),
                "mqtt: {urls: [" + broker.url() + "]}",
                "groups: [" + String.join(", ", groups) + "]",
                "trusted_keys: [" + dir.resolve("room-b1.pub") + "]",
                "command: [/bin/sh, -c, \"echo ran >> " + ranFile() + "\"]",
                "dry_run: " + dryRun, ""));
        return f;
    }

    /** A listener started and connected (its {@code online} seen). */
    Listener listener(boolean dryRun, String... groups) throws Exception {
        Listener l = new Listener(ListenerConfigLoader.load(config(dryRun, groups)), Clock.systemUTC(), warnings::add);
        try (Subscriber status = new Subscriber(broker.url(), "vigie/" + SITE + "/listeners/" + HOST + "/status")) {
            l.start();
            status.await(r -> r.payload().equals("online"), WAIT, "listener online");
        }
        return l;
    }

    Listener listener(String... groups) throws Exception {
        return listener(false, groups);
    }

    static Command command(Command.Action action, String group, long seq, long delayS, Instant expires) {
        return new Command(1, action, SITE, group, "room-b1", seq, Instant.now(), expires, delayS, "basement-leak",
                List.of("basement-leak"));
    }

    byte[] shutdown(String group, long seq, long delayS) {
        return Envelope.seal(command(Command.Action.SHUTDOWN, group, seq, delayS, Instant.now().plusSeconds(300)), agentKey);
    }

    byte[] cancel(String group, long seq) {
        return Envelope.seal(command(Command.Action.CANCEL, group, seq, 0, Instant.now().plusSeconds(300)), agentKey);
    }

    /** Publishes QoS 1 on the group's command topic, as the agent does, and waits for the broker's PUBACK. */
    void send(String group, byte[] payload) throws Exception {
        send(group, payload, false);
    }

    void send(String group, byte[] payload, boolean retained) throws Exception {
        MqttClient c = new MqttClient(broker.url(), "test-agent-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        c.connect(o);
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        c.publish("vigie/" + SITE + "/shutdown/" + group, m);
        c.disconnect(1000);
        c.close(true);
    }

    void send(String group, String payload) throws Exception {
        send(group, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the ack of {@code seq} (or {@code null}) in {@code state} from the group. */
    Subscriber.Received ack(String group, Long seq, String state) throws InterruptedException {
        String topic = "vigie/" + SITE + "/shutdown/" + group + "/ack/" + HOST;
        return acks.await(r -> r.topic().equals(topic) && state.equals(r.json().path("state").asText())
                && (seq == null ? r.json().path("seq").isNull() : seq == r.json().path("seq").asLong()),
                WAIT, state + " ack of seq " + seq + " on " + group);
    }

    /** The {@code n}th ack received (1-based), once it has come. */
    Subscriber.Received nth(int n) throws InterruptedException {
        acks.await(r -> acks.all().size() >= n, WAIT, n + " acks");
        return acks.all().get(n - 1);
    }

    /** Every ack received so far as {@code seq:state}, in order. */
    List<String> ackLog() {
        return acks.all().stream().map(r -> r.json().path("seq").asText() + ":" + r.json().path("state").asText()).toList();
    }

    void assertNeverRan() throws Exception {
        assertTrue(runs() == 0, "the command ran " + runs() + " time(s); acks " + ackLog());
    }

    @Override
    public void close() throws Exception {
        acks.close();
        broker.close();
    }
}
