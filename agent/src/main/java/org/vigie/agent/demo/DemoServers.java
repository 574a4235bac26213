package org.vigie.agent.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.ListenerConfig;
import org.vigie.agent.config.MqttConfig;
import org.vigie.agent.listen.Listener;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.shutdown.Keys;

/**
 * The demo's two simulated servers: real {@code vigie listen} listeners in dry run, trusting the
 * demo agent's key. When one acknowledges {@code executing}, the demo "powers it off": its
 * listener stops and its status goes {@code offline}, as a real server's would.
 */
final class DemoServers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoServers.class);

    /** host → group */
    static final Map<String, String> HOSTS = Map.of("batch1", "rack-a-batch", "db1", "rack-a-db");

    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, ListenerConfig> configs = new LinkedHashMap<>();

    DemoServers(int port, Path dir, KeyPair agentKey, Path publicKey) throws IOException {
        ListenerConfig.TrustedKey trusted = new ListenerConfig.TrustedKey(publicKey, Keys.id(agentKey.getPublic()),
                agentKey.getPublic());
        for (String host : List.of("batch1", "db1")) {
            MqttConfig mqtt = new MqttConfig(List.of(URI.create("tcp://127.0.0.1:" + port)),
                    "vigie-listen-demo-" + host, null, null, null);
            ListenerConfig cfg = new ListenerConfig(dir.resolve(host + ".yaml"), "demo", host, dir.resolve(host),
                    mqtt, List.of(HOSTS.get(host)), List.of(trusted), List.of("/usr/bin/systemctl", "poweroff"), true);
            configs.put(host, cfg);
            listeners.put(host, new Listener(cfg, Clock.systemUTC()));
        }
    }

    void start() {
        listeners.values().forEach(Listener::start);
    }

    /** The server acknowledged {@code executing}: it goes down (its listener stops). */
    void powerOff(String host) {
        Listener l;
        synchronized (listeners) {
            l = listeners.remove(host);
        }
        if (l != null) {
            Thread t = new Thread(() -> close(l), "demo-poweroff-" + host);
            t.setDaemon(true);
            t.start();
        }
    }

    /** A Wake-on-LAN packet reached the server: it boots, its listener comes back {@code online}. */
    void powerOn(String host) {
        synchronized (listeners) {
            if (listeners.containsKey(host)) {
                return;
            }
            try {
                Listener l = new Listener(configs.get(host), Clock.systemUTC());
                listeners.put(host, l);
                l.start();
            } catch (IOException e) {
                log.warn("demo server {}: cannot boot: {}", host, Errors.describe(e));
            }
        }
    }

    private static void close(Listener l) {
        try {
            l.close();
        } catch (RuntimeException e) {
            log.warn("demo server: {}", Errors.describe(e));
        }
    }

    @Override
    public void close() {
        List<Listener> left;
        synchronized (listeners) {
            left = List.copyOf(listeners.values());
            listeners.clear();
        }
        left.forEach(DemoServers::close);
    }
}
