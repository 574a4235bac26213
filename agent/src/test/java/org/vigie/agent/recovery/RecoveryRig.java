package org.vigie.agent.recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ListenerConfigLoader;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.listen.Listener;
import org.vigie.agent.notify.Notifier;
import org.vigie.agent.run.Agent;
import org.vigie.agent.shutdown.AgentShutdown;
import org.vigie.agent.shutdown.Keys;

/**
 * A room to recover: a real Mosquitto, an agent whose leak sensor is a file the test writes, two
 * real listeners in dry run (db1 in group rack-a-db, batch1 in rack-a-batch) that the test powers
 * off when they acknowledge {@code executing}, and a UDP receiver standing for their network cards.
 */
final class RecoveryRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ROOT = "vigie/it/room";
    static final String MAC_DB = "525400123456";
    static final String MAC_BATCH = "525400123457";
    static final Map<String, String> GROUP = Map.of("db1", "rack-a-db", "batch1", "rack-a-batch");

    final Path dir;
    final Mosquitto broker;
    final KeyPair key = Keys.generate();
    final Subscriber all;
    final WolReceiver wol;
    final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    /** host → {@code System.nanoTime()} when its listener was last started. */
    final Map<String, Long> poweredOnAt = new ConcurrentHashMap<>();
    /** The webhook channel's receiver: the bodies of the notifications, in order. */
    final com.sun.net.httpserver.HttpServer hooks;
    final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    Agent agent;

    RecoveryRig(Path dir) throws Exception {
        this.dir = dir;
        this.broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
        Keys.write(key, dir.resolve("room-b1"));
        this.all = new Subscriber(broker.url(), "vigie/#");
        this.wol = new WolReceiver();
        this.hooks = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        hooks.createContext("/hook", ex -> {
            notices.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hooks.start();
        leak(false);
    }

    /** Waits for a notification whose body contains {@code text}. */
    String awaitNotice(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String n : notices) {
                if (n.contains(text)) {
                    return n;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no notification with " + text + "; received " + notices);
    }

    void leak(boolean wet) throws Exception {
        leak(wet ? "1" : "0");
    }

    /** 1: critical (the policy fires); 0.4: only a warning (the policy does not fire); 0: dry. */
    void leak(String value) throws Exception {
        Files.writeString(dir.resolve("leak"), value + "\n");
    }

    Path config(boolean confirm, String settle, String timeout) throws Exception {
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, String.join("\n",
                "site: it",
                "agent: room",
                "state_dir: " + dir.resolve("state"),
                "mqtt: {urls: [" + broker.url() + "]}",
                "sensors:",
                "  - {id: leak, type: file, path: " + dir.resolve("leak") + ", interval: 100ms}",
                "rules:",
                "  - {id: basement-leak, sensor: leak, above: {warning: 0.3, critical: 0.5}}",
                "shutdown:",
                "  key: " + dir.resolve("room-b1.key"),
                "  command_ttl: 2s",
                "  groups:",
                "    - {id: rack-a-batch, hosts: [batch1]}",
                "    - {id: rack-a-db, hosts: [db1]}",
                "  policies:",
                "    - {id: flood, on: [basement-leak], delay: 1s, groups: [rack-a-batch, rack-a-db]}",
                "notify:",
                "  channels: [{id: chat, type: webhook, url: \"http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook\"}]",
                "  routes: [{alarms: [basement-leak], channels: [chat]}]",
                "recovery:",
                "  - id: flood-back",
                "    after: flood",
                "    settle: " + settle,
                "    confirm: " + confirm,
                "    groups:",
                "      - {id: rack-a-db, wake: [{mac: \"52:54:00:12:34:56\", broadcast: 127.0.0.1, port: " + wol.port()
                        + "}], timeout: " + timeout + "}",
                "      - {id: rack-a-batch, wake: [{mac: \"52-54-00-12-34-57\", broadcast: 127.0.0.1, port: " + wol.port()
                        + "}], timeout: " + timeout + "}",
                ""));
        return f;
    }

    /** An agent with shutdown, notifications and recovery, started in this JVM. */
    Agent agent(Path config) throws Exception {
        agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
        AgentShutdown.attach(agent);
        Notifier.attach(agent);
        Recoveries.attach(agent);
        agent.start();
        all.await(r -> r.topic().equals(ROOT + "/status") && r.payload().equals("online"), WAIT, "agent online");
        return agent;
    }

    /** The host's listener started (a server booting), once its {@code online} is seen. */
    void powerOn(String host) {
        try {
            Path f = dir.resolve(host + ".yaml");
            Files.writeString(f, String.join("\n",
                    "site: it",
                    "host: " + host,
                    "state_dir: " + dir.resolve(host),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "groups: [" + GROUP.get(host) + "]",
                    "trusted_keys: [" + dir.resolve("room-b1.pub") + "]",
                    "command: [/usr/bin/systemctl, poweroff]",
                    "dry_run: true", ""));
            Listener l = new Listener(ListenerConfigLoader.load(f), Clock.systemUTC());
            if (listeners.putIfAbsent(host, l) == null) {
                poweredOnAt.put(host, System.nanoTime());
                l.start();
            }
        } catch (Exception e) {
            throw new AssertionError("cannot start listener " + host, e);
        }
    }

    /** The first live {@code online} of the host received after {@code sinceNanos}. */
    Subscriber.Received awaitOnline(String host, long sinceNanos) throws InterruptedException {
        return all.await(r -> r.topic().equals("vigie/it/listeners/" + host + "/status") && r.payload().equals("online")
                && !r.retained() && r.nanos() > sinceNanos, WAIT, host + " online");
    }

    void powerOff(String host) {
        Listener l = listeners.remove(host);
        if (l != null) {
            l.close();
        }
    }

    /** Both servers up, the leak, the policy's countdowns, both servers down: the start of every recovery. */
    void incident() throws Exception {
        long t0 = System.nanoTime();
        powerOn("db1");
        powerOn("batch1");
        awaitOnline("db1", t0);
        awaitOnline("batch1", t0);
        leak(true);
        for (String host : List.of("batch1", "db1")) {
            all.await(r -> r.topic().equals("vigie/it/shutdown/" + GROUP.get(host) + "/ack/" + host)
                    && r.json().path("state").asText().equals("executing"), WAIT, host + " executing");
            powerOff(host);
        }
        awaitProgress("waiting");
    }

    Subscriber.Received awaitProgress(String state) throws InterruptedException {
        return all.await(r -> r.topic().equals(ROOT + "/recovery/flood-back") && r.json().path("state").asText().equals(state),
                WAIT, "recovery " + state);
    }

    Subscriber.Received awaitStep(String step, String group) throws InterruptedException {
        return all.await(r -> r.topic().equals(ROOT + "/events") && r.json().path("type").asText().equals("recovery")
                && r.json().path("step").asText().equals(step)
                && (group == null || r.json().path("group").asText().equals(group)), WAIT, "recovery step " + step + " " + group);
    }

    /** The recovery steps journaled so far, as {@code step[ group]}; an event delivered again after a restart counts once. */
    List<String> steps() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        return all.all().stream().filter(r -> r.topic().equals(ROOT + "/events")
                && r.json().path("type").asText().equals("recovery") && seen.add(r.json().path("seq").asLong()))
                .map(r -> r.json().path("step").asText() + (r.json().has("group") ? " " + r.json().path("group").asText() : ""))
                .toList();
    }

    @Override
    public void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        listeners.values().forEach(Listener::close);
        wol.close();
        hooks.stop(0);
        all.close();
        broker.close();
    }
}
