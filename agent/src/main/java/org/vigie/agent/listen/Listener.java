package org.vigie.agent.listen;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.ListenerConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttLink;
import org.vigie.agent.mqtt.MqttSettings;
import org.vigie.agent.shutdown.Verifier;

/**
 * {@code vigie listen}: the shutdown listener of one server (SPEC §5). Subscribes with a
 * persistent session to its groups' command topics, checks every message with the
 * {@link Verifier}, and hands what passes to {@link Countdowns}, all on one thread. A message is
 * acknowledged to the broker only once its effect is on disk, so a listener killed in between gets
 * it again. Losing the broker changes nothing: countdowns go on, and nothing starts one but a
 * verified command.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final long MAX_WAIT_MS = 1000;

    private record Inbound(String topic, byte[] payload, boolean retained, Runnable ack) {
    }

    private static final Inbound STOP = new Inbound("", new byte[0], false, () -> { });

    private final ListenerConfig config;
    private final Clock clock;
    private final MqttLink link;
    private final Verifier verifier;
    private final Countdowns countdowns;
    private final CommandRunner runner;
    private final Map<String, String> groupByTopic = new LinkedHashMap<>();
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private Thread thread;

    /** Loads the state in {@code state_dir}; fails when it cannot be read or written. */
    public Listener(ListenerConfig config, Clock clock) throws IOException {
        this(config, clock, Wall::warn);
    }

    Listener(ListenerConfig config, Clock clock, Consumer<String> warner) throws IOException {
        this.config = config;
        this.clock = clock;
        StateStore store = new StateStore(config.stateDir());
        Snapshot loaded = store.load();
        try {
            store.save(loaded);
        } catch (IOException e) {
            throw new IOException("cannot write the listener state in " + config.stateDir() + ": " + Errors.describe(e), e);
        }
        this.runner = new CommandRunner(config.command());
        this.verifier = new Verifier(config.site(), Set.copyOf(config.groups()), config.trusted());
        this.countdowns = new Countdowns(store, loaded, config.host(), Set.copyOf(config.groups()), config.dryRun(),
                new Effects(warner));
        this.link = new MqttLink(MqttSettings.of(config.mqtt(), config.statusTopic(), false));
        config.groups().forEach(g -> groupByTopic.put(config.commandTopic(g), g));
    }

    /** Resumes persisted countdowns, subscribes and connects; returns at once. */
    public synchronized void start() {
        log.info("listening as host {} of site {} for groups {}; trusted keys {}; command {}{}", config.host(),
                config.site(), config.groups(), config.trusted().keySet(), config.command(),
                config.dryRun() ? "; DRY RUN: nothing will run" : "");
        groupByTopic.keySet().forEach(topic -> link.subscribeAcking(topic,
                (t, payload, retained, ack) -> inbox.add(new Inbound(t, payload, retained, ack))));
        thread = new Thread(this::loop, "vigie-listen");
        thread.start();
        link.start();
    }

    private void loop() {
        countdowns.resume(clock.instant());
        while (true) {
            long waitMs = countdowns.nextDeadline()
                    .map(d -> Math.max(0, Math.min(MAX_WAIT_MS, Duration.between(clock.instant(), d).toMillis())))
                    .orElse(MAX_WAIT_MS);
            Inbound in;
            try {
                in = inbox.poll(waitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (in == STOP) {
                return;
            }
            if (in != null) {
                handle(in);
            }
            countdowns.tick(clock.instant());
        }
    }

    private void handle(Inbound in) {
        try {
            String group = groupByTopic.get(in.topic());
            if (group == null) {
                log.warn("ignored a message on {}, not a topic of this listener", in.topic());
                return;
            }
            Instant now = clock.instant();
            countdowns.onVerified(group, notRetained(verifier.check(group, in.payload(), now, countdowns), in), now);
        } catch (RuntimeException e) {
            log.error("cannot handle a message on {}: {}", in.topic(), Errors.describe(e));
        } finally {
            in.ack().run();
        }
    }

    /**
     * The agent never retains a command (SPEC §3). One the broker kept and sends because the
     * listener subscribed is stale or planted: a listener installed later must not obey it.
     */
    private static Verifier.Result notRetained(Verifier.Result r, Inbound in) {
        if (!in.retained() || r.verdict() != Verifier.Verdict.ACCEPTED) {
            return r;
        }
        return new Verifier.Result(Verifier.Verdict.REJECTED, null, "retained on the broker and delivered on "
                + "subscribing: commands are never retained, so this one is stale or planted; clear it", r.seq(), r.sig());
    }

    /**
     * Stops listening and publishes {@code offline}. Pending countdowns stay in {@code state_dir}
     * and resume at the next start: stopping the service does not cancel a shutdown.
     */
    @Override
    public synchronized void close() {
        if (thread != null) {
            inbox.add(STOP);
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        link.close();
    }

    private final class Effects implements Countdowns.Effects {
        private final Consumer<String> warner;

        Effects(Consumer<String> warner) {
            this.warner = warner;
        }

        @Override
        public void ack(String group, Long seq, AckState state, String reason) {
            AckMessage m = new AckMessage(config.host(), group, seq, state, reason, clock.instant());
            link.publish(config.ackTopic(group), m.toJson());
        }

        @Override
        public void warn(String text) {
            warner.accept(text);
        }

        @Override
        public String run(Pending p) {
            return runner.start(status -> ack(p.group(), p.seq(), AckState.EXECUTING,
                    "the command exited with status " + status + ": the machine may not be shutting down"));
        }
    }
}
