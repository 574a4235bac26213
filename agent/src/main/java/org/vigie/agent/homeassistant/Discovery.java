package org.vigie.agent.homeassistant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.mqtt.MqttLink;
import org.vigie.agent.run.Json;

/**
 * Home Assistant MQTT discovery (SPEC §7). The configs are retained, so Home Assistant finds them
 * whenever it starts; they are sent again (after a short random pause, so a fleet of agents does
 * not answer at once) when Home Assistant announces itself {@code online} on {@code <prefix>/status}.
 * The configs of channels and rules no longer configured are deleted with an empty retained
 * payload; so are all of them when discovery is switched off. It only publishes and listens to
 * {@code <prefix>/status}: nothing from Home Assistant reaches the rules, the alarms or a shutdown.
 */
public final class Discovery {
    private static final Logger log = LoggerFactory.getLogger(Discovery.class);
    private static final byte[] EMPTY = new byte[0];
    /** Home Assistant's advice: answer its birth message, but not all devices in the same instant. */
    static final long MIN_DELAY_MS = 500;
    static final long MAX_DELAY_MS = 2500;

    private final MqttLink link;
    private final List<Entities.Config> configs;
    private final AtomicBoolean resendScheduled = new AtomicBoolean();

    private Discovery(MqttLink link, List<Entities.Config> configs) {
        this.link = link;
        this.configs = configs;
    }

    /**
     * Announces the agent (or withdraws an earlier announcement when discovery is off). Call before
     * or after the link starts: what it publishes waits for a broker like any retained state.
     */
    public static void start(AgentConfig cfg, MqttLink link, String version) {
        HomeAssistantConfig ha = cfg.homeAssistant();
        Announced announced = new Announced(cfg.stateDir());
        Set<String> before = announced.load();
        if (!ha.discovery()) {
            if (!before.isEmpty()) {
                log.info("Home Assistant discovery is off: deleting the {} config(s) announced before", before.size());
                withdraw(link, announced, before, Set.of());
            }
            return;
        }
        List<Entities.Config> configs = Entities.of(cfg, ha, version);
        Set<String> now = new LinkedHashSet<>();
        configs.forEach(c -> now.add(c.topic()));
        Set<String> removed = new LinkedHashSet<>(before);
        removed.removeAll(now);
        Discovery d = new Discovery(link, configs);
        d.publishAll();
        link.subscribe(ha.statusTopic(), (topic, payload) -> d.birth(payload));
        log.info("Home Assistant discovery: {} entit{} announced under {}/…/{}/{}", configs.size(),
                configs.size() == 1 ? "y" : "ies", ha.prefix(), Entities.nodeId(cfg), removed.isEmpty() ? ""
                        : "; the configs of " + removed.size() + " channel(s) or rule(s) no longer configured deleted");
        if (removed.isEmpty()) {
            announced.save(now);
        } else {
            withdraw(link, announced, removed, now);
        }
    }

    /**
     * Deletes {@code topics} (empty retained payloads) and records {@code keep} once the broker has
     * taken every deletion; until then the file lists both, so a crash in between deletes them at the
     * next start.
     */
    private static void withdraw(MqttLink link, Announced announced, Set<String> topics, Set<String> keep) {
        Set<String> both = new LinkedHashSet<>(keep);
        both.addAll(topics);
        announced.save(both);
        AtomicInteger left = new AtomicInteger(topics.size());
        for (String t : topics) {
            link.publish(t, EMPTY, true, () -> {
                if (left.decrementAndGet() == 0) {
                    if (keep.isEmpty()) {
                        announced.delete();
                    } else {
                        announced.save(keep);
                    }
                }
            });
        }
    }

    private void publishAll() {
        for (Entities.Config c : configs) {
            link.publishRetained(c.topic(), Json.bytes(c.payload()));
        }
    }

    /** Home Assistant's birth message: its MQTT integration (re)started and wants the configs again. */
    private void birth(byte[] payload) {
        if (!"online".equals(new String(payload, StandardCharsets.UTF_8).trim())) {
            return;
        }
        if (!resendScheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = ThreadLocalRandom.current().nextLong(MIN_DELAY_MS, MAX_DELAY_MS + 1);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
            resendScheduled.set(false);
            log.info("Home Assistant is online: {} discovery config(s) sent again", configs.size());
            publishAll();
        });
    }

    /** For {@code vigie check}: how many entities of each component the configuration announces. */
    public static String summary(AgentConfig cfg) {
        List<Entities.Config> configs = Entities.of(cfg, cfg.homeAssistant(), "check");
        long alarms = configs.stream().filter(c -> c.uniqueId().contains(":alarm:")).count();
        long flags = configs.stream().filter(c -> c.topic().contains("/binary_sensor/")).count() - alarms;
        long numbers = configs.size() - flags - alarms;
        return numbers + " sensor(s), " + flags + " binary sensor(s), " + alarms + " alarm(s) as device "
                + Entities.nodeId(cfg) + "; read-only, no command topic";
    }

    /** The topics announced, for tests. */
    List<String> topics() {
        List<String> out = new ArrayList<>();
        configs.forEach(c -> out.add(c.topic()));
        return out;
    }
}
