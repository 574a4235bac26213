package org.vigie.agent.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.Json;
import org.vigie.sensors.serial.SerialPorts;

/**
 * Alarms that reach people (docs/notify.md): on the engine thread, alarm changes are routed and
 * paced ({@link Router}, {@link Pacer}) and handed over; the {@link Dispatcher} persists and sends
 * them on its own threads. The engine thread never waits for a channel.
 */
public final class Notifier implements AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotifyConfig config;
    private final Router router;
    private final Pacer pacer;
    private final Dispatcher dispatcher;
    private final Outbox outbox;
    private final Clock clock;

    Notifier(NotifyConfig config, Texts texts, Router.Current current, Dispatcher dispatcher, Outbox outbox,
             Consumer<ObjectNode> events, Clock clock, Duration stormWindow) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.clock = clock;
        this.router = new Router(config.routes(), texts, current);
        this.pacer = new Pacer(config.perChannelPerHour(), stormWindow, texts, new Pacer.Sink() {
            @Override
            public void release(String channel, Message m) {
                hand(channel, m);
            }

            @Override
            public void dropped(String channel, Message m, String why) {
                log.warn("notify {}: {} dropped: {}", channel, m.kind().wire() + (m.alarm() == null ? "" : " " + m.alarm()), why);
                ObjectNode e = Json.MAPPER.createObjectNode();
                e.put("type", "notify");
                e.put("channel", channel);
                e.put("kind", m.kind().wire());
                if (m.alarm() != null) {
                    e.put("alarm", m.alarm());
                }
                e.put("outcome", "dropped");
                e.put("error", why);
                events.accept(e);
            }
        });
    }

    /**
     * Attaches notifications to an agent whose configuration has a {@code notify:} section; call
     * before {@link Agent#start()}. Sends again what an earlier run left undelivered.
     *
     * @throws IOException a channel cannot be set up (a secret file unreadable, a serial port taken
     *                     at other settings)
     */
    public static void attach(Agent agent) throws IOException {
        attach(agent, Pacer.STORM_WINDOW);
    }

    /** @param stormWindow {@link Pacer#STORM_WINDOW}, or zero for latency measurements */
    static Notifier attach(Agent agent, Duration stormWindow) throws IOException {
        AgentConfig cfg = agent.config();
        if (cfg.notifications() == null) {
            return null;
        }
        Map<String, Sender> senders = open(cfg.notifications());
        Outbox outbox = new Outbox(cfg.stateDir());
        Consumer<ObjectNode> events = e -> agent.submit(() -> agent.event(e));
        Clock clock = Clock.systemUTC();
        Dispatcher dispatcher = new Dispatcher(outbox, senders, events, clock, FIRST_RETRY);
        Notifier n = new Notifier(cfg.notifications(), new Texts(cfg.site(), cfg.agent()), id -> agent.alarms().get(id),
                dispatcher, outbox, events, clock, stormWindow);
        agent.onTransition(t -> n.transition(t, agent.now()));
        agent.onTick(n::tick);
        agent.onEvent(e -> n.recovery(e, cfg, agent.now()));
        dispatcher.resume(outbox.pending());
        log.info("notify: {} channel(s), {} route(s), at most {} message(s) per channel an hour",
                cfg.notifications().channels().size(), cfg.notifications().routes().size(), cfg.notifications().perChannelPerHour());
        return n;
    }

    static Map<String, Sender> open(NotifyConfig config) throws IOException {
        Map<String, Sender> senders = new LinkedHashMap<>();
        try {
            for (NotifyConfig.Channel c : config.channels()) {
                senders.put(c.id(), open(c));
            }
        } catch (IOException e) {
            senders.values().forEach(Sender::close);
            throw e;
        }
        return senders;
    }

    static Sender open(NotifyConfig.Channel c) throws IOException {
        try {
            if (c instanceof NotifyConfig.Sms s) {
                return new SmsSender(s, SerialPorts.system());
            }
            if (c instanceof NotifyConfig.Email e) {
                return new EmailSender(e);
            }
            return new WebhookSender((NotifyConfig.Webhook) c);
        } catch (IOException e) {
            throw new IOException("notify channel " + c.id() + ": " + Errors.describe(e), e);
        }
    }

    /** Engine thread. */
    void transition(Transition t, Instant now) {
        router.transition(t, now).forEach(r -> pacer.offer(r.channel(), r.message(), now));
    }

    /** Engine thread. */
    void tick(Instant now) {
        router.tick(now).forEach(r -> pacer.offer(r.channel(), r.message(), now));
        pacer.tick(now);
    }

    /** Engine thread: an ordered recovery that needs a person, or has ended, goes where its policy's alarms go. */
    void recovery(com.fasterxml.jackson.databind.JsonNode e, AgentConfig cfg, Instant now) {
        if (!"recovery".equals(e.path("type").asText()) || !RecoveryTexts.STEPS.contains(e.path("step").asText())
                || cfg.shutdown() == null) {
            return;
        }
        String policy = e.path("policy").asText();
        cfg.shutdown().policies().stream().filter(p -> p.id().equals(policy)).findFirst().ifPresent(p -> {
            Message m = RecoveryTexts.of(e, cfg.site(), cfg.agent());
            router.channelsFor(p.severity(), p.on()).forEach(c -> pacer.offer(c, m, now));
        });
    }

    private void hand(String channel, Message m) {
        Instant now = clock.instant();
        NotifyConfig.Channel c = config.channel(channel).orElseThrow();
        if (c instanceof NotifyConfig.Sms sms) {
            sms.to().forEach(number -> dispatcher.submit(new Notification(outbox.nextId(now), channel, number, m, now)));
        } else {
            dispatcher.submit(new Notification(outbox.nextId(now), channel, null, m, now));
        }
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    /** A sender's failure in one line: senders put the whole story in their message. */
    static String oneLine(Throwable e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : Errors.describe(e);
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
