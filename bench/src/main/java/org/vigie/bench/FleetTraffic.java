package org.vigie.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT traffic of many agents, simulated in one process for the board's scale figures: each
 * simulated agent publishes {@code online}, its channels' readings (retained, QoS 1) every
 * {@code --telemetry-s}, and every {@code --alarm-s} a critical alarm raised, then cleared half a
 * period later, each transition as the retained alarm state and an event with the next
 * {@code seq}: what a real agent sends for the same room. The agents share {@code --connections}
 * MQTT connections (the board does not see connections). At the end it prints how many events it
 * published per agent, for the harness to compare with the board's view.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.FleetTraffic --url U
 * [--agents 500] [--connections 10] [--channels 3] [--telemetry-s 10] [--alarm-s 60] [--seconds 120]}
 */
public final class FleetTraffic {
    public static void main(String[] args) throws Exception {
        String url = null;
        int agents = 500;
        int connections = 10;
        int channels = 3;
        int telemetryS = 10;
        int alarmS = 60;
        int seconds = 120;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--url" -> url = v;
                case "--agents" -> agents = Integer.parseInt(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--channels" -> channels = Integer.parseInt(v);
                case "--telemetry-s" -> telemetryS = Integer.parseInt(v);
                case "--alarm-s" -> alarmS = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                default -> {
                    System.err.println("usage: FleetTraffic --url U [--agents N] [--connections N] [--channels N]"
                            + " [--telemetry-s S] [--alarm-s S] [--seconds S]");
                    System.exit(2);
                }
            }
        }
        List<MqttAsyncClient> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            MqttAsyncClient client = new MqttAsyncClient(url, "sim-fleet-" + c + "-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMaxInflight(65_000);
            o.setCleanSession(true);
            client.connect(o).waitForCompletion(10_000);
            clients.add(client);
        }
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        int nChannels = channels;
        long[] seq = new long[agents];
        AtomicLong published = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        for (int a = 0; a < agents; a++) {
            int agent = a;
            MqttAsyncClient client = clients.get(a % connections);
            String root = "vigie/sim" + (a / 100) + "/agent-" + a;
            send(client, root + "/status", "online", published, failed);
            long phase = (long) (Math.random() * telemetryS * 1000);
            timer.scheduleAtFixedRate(() -> {
                for (int ch = 0; ch < nChannels; ch++) {
                    send(client, root + "/sensors/t" + ch, String.format(Locale.ROOT,
                            "{\"sensor\":\"t%d\",\"value\":%.1f,\"unit\":\"°C\",\"quality\":\"good\",\"ts\":\"%s\"}",
                            ch, 20 + Math.random() * 5, Instant.now()), published, failed);
                }
            }, phase, telemetryS * 1000L, TimeUnit.MILLISECONDS);
            long alarmPhase = (long) (Math.random() * alarmS * 1000);
            timer.scheduleAtFixedRate(() -> {
                synchronized (seq) {
                    boolean raise = seq[agent] % 2 == 0;
                    long s = ++seq[agent];
                    String state = raise ? "active" : "cleared";
                    String ts = Instant.now().toString();
                    send(client, root + "/alarms/room-hot", "{\"alarm\":\"room-hot\",\"severity\":\"critical\",\"state\":\""
                            + state + "\",\"sensor\":\"t0\",\"kind\":\"temperature\",\"since\":\"" + ts + "\",\"ts\":\""
                            + ts + "\",\"message\":\"t0 hot\"}", published, failed);
                    send(client, root + "/events", "{\"seq\":" + s + ",\"ts\":\"" + ts + "\",\"type\":\"alarm\","
                            + "\"transition\":\"" + (raise ? "raised" : "cleared") + "\",\"alarm\":\"room-hot\","
                            + "\"severity\":\"critical\",\"state\":\"" + state + "\",\"sensor\":\"t0\",\"kind\":\"temperature\","
                            + "\"message\":\"t0 hot\"}", published, failed);
                }
            }, alarmPhase, alarmS * 500L, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000L);
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (clients.stream().anyMatch(c -> c.getPendingDeliveryTokens().length > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long pending = clients.stream().mapToLong(c -> c.getPendingDeliveryTokens().length).sum();
        long events = 0;
        synchronized (seq) {
            for (long s : seq) {
                events += s;
            }
        }
        System.out.println("simulated " + agents + " agents for " + seconds + " s: " + published.get()
                + " messages published (" + failed.get() + " failed, " + pending + " unacknowledged at the end), " + events
                + " events");
        for (MqttAsyncClient c : clients) {
            c.disconnect(2000).waitForCompletion(3000);
            c.close();
        }
        System.exit(0);
    }

    private static void send(MqttAsyncClient c, String topic, String payload, AtomicLong ok, AtomicLong failed) {
        try {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            m.setRetained(!topic.endsWith("/events"));
            c.publish(topic, m);
            ok.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }
}
