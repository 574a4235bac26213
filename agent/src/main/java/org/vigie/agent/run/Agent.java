package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.alarm.AlarmBook;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttLink;
import org.vigie.agent.mqtt.MqttSettings;
import org.vigie.agent.rules.RuleEngine;
import org.vigie.agent.rules.Verdict;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorContext;

/**
 * The monitoring agent: sensors are read on a small pool, and one engine thread turns readings
 * into telemetry, alarms and events. Nothing here waits for the broker.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    /** How many queued items the engine takes before a tick's stale check. */
    private static final int MAX_BEFORE_TICK = 10_000;
    /** The alarm of a state_dir that cannot be written. */
    public static final String STATE_DIR_ALARM = "state_dir.fault";

    private final AgentConfig config;
    private final Clock clock;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final RuleEngine engine;
    private final AlarmBook book = new AlarmBook();
    private final ChannelTracker tracker;
    private final List<Consumer<Transition>> transitionListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Instant>> tickListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ObjectNode>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Reading>> readingListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private volatile AgentView view;
    private boolean viewDirty = true;
    private final ScheduledExecutorService timer;
    private final ExecutorService readers;
    private final MqttLink link;
    private Journal journal;
    /** What failed at the last write into state_dir, by kind (journal, alarms, delivered). */
    private final java.util.Map<String, String> stateDirProblems = new java.util.LinkedHashMap<>();
    private AlarmStore alarmStore;
    private List<SensorPoller> pollers = List.of();
    private TrapWiring traps;
    private volatile Thread engineThread;
    private volatile boolean running;
    private volatile long lastLoopNanos = System.nanoTime();
    private Watchdog watchdog;
    private long lastFlush;

    private record Ack(String topic, byte[] payload) {
    }

    public Agent(AgentConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.engine = new RuleEngine(config.rules(), config.channels());
        this.tracker = new ChannelTracker(config.sensors(), config.telemetryInterval(), clock.instant());
        this.link = new MqttLink(MqttSettings.of(config.mqtt(), config.root() + "/status", true));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("vigie-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        // Four readers serve fast sensors (a file read is ~0.1 ms); only when reads queue up behind
        // slow ones (an SNMP target timing out, a silent serial device) does the pool grow.
        this.readers = new ThreadPoolExecutor(4, 16, 30, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(256),
                daemon("vigie-read"), new ThreadPoolExecutor.AbortPolicy());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread th = new Thread(r, name + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }

    public AgentConfig config() {
        return config;
    }

    public MqttLink link() {
        return link;
    }

    /** Called on the engine thread for every alarm transition, after it is published. */
    public void onTransition(Consumer<Transition> listener) {
        transitionListeners.add(listener);
    }

    /** Called on the engine thread at every tick (about every 100 ms). */
    public void onTick(Consumer<Instant> listener) {
        tickListeners.add(listener);
    }

    /** Called on the engine thread for every event, once it is in the journal (an ordered recovery follows its policy so). */
    public void onEvent(Consumer<ObjectNode> listener) {
        eventListeners.add(listener);
    }

    /** Called on the engine thread for every reading of a configured channel, stale and fault ones included. */
    public void onReading(Consumer<Reading> listener) {
        readingListeners.add(listener);
    }

    /** Called at the end of {@link #close()}, after the engine stopped. */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
    }

    /** The latest snapshot of channels and alarms; any thread, never blocks. {@code null} before {@link #start()}. */
    public AgentView view() {
        return view;
    }

    /**
     * Acknowledges an alarm on the engine thread, exactly as {@code cmd/ack} does (published on
     * MQTT, recorded in the journal). Completes with {@code null}, or why it was refused.
     */
    public java.util.concurrent.CompletableFuture<String> acknowledge(String json, String source) {
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        inbox.add((Runnable) () -> done.complete(ack(AckRequest.parse(json), source)));
        return done;
    }

    /**
     * Feeds a reading from outside the agent's own pollers (an event source, a benchmark), as if a
     * sensor had produced it. Thread-safe.
     */
    public void accept(Reading reading) {
        inbox.add(reading);
    }

    /** Runs {@code task} on the engine thread. */
    public void submit(Runnable task) {
        inbox.add(task);
    }

    /** The agent's clock's current instant. */
    public Instant now() {
        return clock.instant();
    }

    public AlarmBook alarms() {
        return book;
    }

    /**
     * Opens the journal, starts the broker connection, the sensors and the engine. The journal,
     * the alarm book and the rules belong to the engine thread once it runs: everything that
     * touches them at start is done before it starts (the start event was once recorded after,
     * and a commit of the engine racing the main thread's killed the agent at start).
     */
    public synchronized void start() throws IOException {
        journal = new Journal(config.stateDir(), link, config.root() + "/events",
                config.journal().maxUndeliveredBytes());
        journal.redeliver();
        restoreAlarms();
        ObjectNode started = Json.MAPPER.createObjectNode();
        started.put("type", "agent");
        started.put("state", "started");
        started.put("sensors", config.sensors().size());
        started.put("rules", config.rules().size());
        // Recorded before the engine thread exists: the journal is the engine's alone from then on.
        event(started);
        commit();
        publishView(clock.instant());
        link.subscribe(config.root() + "/cmd/ack", (topic, payload) -> inbox.add(new Ack(topic, payload)));
        org.vigie.agent.homeassistant.Discovery.start(config, link, org.vigie.agent.cli.Main.version());
        link.start();
        running = true;
        engineThread = new Thread(this::loop, "vigie-engine");
        engineThread.start();
        SensorContext ctx = new SensorContext(clock, config.stateDir());
        pollers = SensorPoller.all(config.sensors(), ctx, readers, inbox::add);
        pollers.forEach(p -> p.onInfo(inbox::add));
        for (int i = 0; i < pollers.size(); i++) {
            pollers.get(i).schedule(timer, (double) i / pollers.size());
        }
        if (config.snmpTraps() != null) {
            traps = TrapWiring.start(config.snmpTraps(), pollers, this);
        }
        watchdog = Watchdog.fromEnvironment(System.getenv(), () -> lastLoopNanos);
        if (watchdog != null) {
            watchdog.ready();
        }
        log.info("agent {} of site {} started: {} sensor(s), {} rule(s), state in {}", config.agent(), config.site(),
                config.sensors().size(), config.rules().size(), config.stateDir());
    }

    /** Puts back the alarms raised at the last stop, so a restart mid-incident neither forgets nor repeats them. */
    private void restoreAlarms() {
        alarmStore = new AlarmStore(config.stateDir());
        java.util.Set<String> known = org.vigie.agent.config.AgentConfigLoader.alarmIds(config.sensors(),
                config.rules());
        try {
            int n = 0;
            for (org.vigie.agent.alarm.Alarm a : alarmStore.load()) {
                if (known.contains(a.id())) {
                    book.restore(a);
                    engine.restore(a.id(), a.severity());
                    link.publishRetained(config.root() + "/alarms/" + a.id(), Json.alarm(a, config.channels()));
                    n++;
                } else {
                    log.info("alarm {} raised before the restart is no longer configured; dropped", a.id());
                }
            }
            if (n > 0) {
                log.info("{} alarm(s) raised before the restart are still raised; the rules decide from here", n);
            }
        } catch (IOException e) {
            log.warn("state_dir {}: raised alarms not restored: {}", config.stateDir(), Errors.describe(e));
        }
    }

    private void loop() {
        Instant lastTick = clock.instant();
        long tickMs = RuleEngine.tickPeriod().toMillis();
        while (running || !inbox.isEmpty()) {
            lastLoopNanos = System.nanoTime();
            try {
                Object item = inbox.poll(tickMs, TimeUnit.MILLISECONDS);
                if (item != null) {
                    handle(item);
                }
                Instant now = clock.instant();
                if (Duration.between(lastTick, now).toMillis() >= tickMs) {
                    // Readings already waiting are taken first: a busy moment must not look like a dead sensor.
                    for (int n = 0; n < MAX_BEFORE_TICK && (item = inbox.poll()) != null; n++) {
                        handle(item);
                    }
                    now = clock.instant();
                    lastTick = now;
                    tick(now);
                }
                commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("engine: {} (continuing)", Errors.describe(e), e);
            }
        }
    }

    private void handle(Object item) {
        if (item instanceof Reading r) {
            reading(r, clock.instant());
        } else if (item instanceof SensorInfo i) {
            link.publishRetained(i.topic(config.root()), i.payload());
        } else if (item instanceof Ack a) {
            ack(a);
        } else if (item instanceof Runnable task) {
            task.run();
        }
    }

    private void reading(Reading r, Instant now) {
        if (!tracker.seen(r)) {
            return;
        }
        viewDirty = true;
        readingListeners.forEach(l -> l.accept(r));
        if (tracker.shouldPublish(r, now)) {
            publishReading(r);
        }
        verdicts(engine.onReading(r, now), now);
    }

    private void publishReading(Reading r) {
        link.publishRetained(config.root() + "/sensors/" + r.channel(),
                Json.reading(r, config.channels().get(r.channel()), tracker.sensorOf(r.channel())));
    }

    private void tick(Instant now) {
        for (Reading stale : tracker.stale(now)) {
            log.warn("sensor channel {}: {}", stale.channel(), stale.problem());
            reading(stale, now);
        }
        verdicts(engine.tick(now), now);
        for (Reading r : tracker.due(now)) {
            if (tracker.shouldPublish(r, now)) {
                publishReading(r);
            }
        }
        tickListeners.forEach(l -> l.accept(now));
        if (now.getEpochSecond() != lastFlush) {
            lastFlush = now.getEpochSecond();
            stateDir("delivered", journal.flush(now));
            stateDir("undelivered", journal.undeliveredProblem());
            viewDirty = true;
        }
        if (viewDirty) {
            publishView(now);
        }
    }

    private void publishView(Instant now) {
        viewDirty = false;
        view = new AgentView(now, java.util.Map.copyOf(tracker.current()), List.copyOf(book.all()), journal.undelivered(),
                journal.lastSeq());
    }

    private void verdicts(List<Verdict> verdicts, Instant now) {
        for (Verdict v : verdicts) {
            book.apply(v, now).ifPresent(this::transition);
        }
    }

    private void transition(Transition t) {
        log.info("alarm {} {} {}: {}", t.alarm().id(), t.kind().wire(), t.alarm().severity().wire(), t.alarm().message());
        link.publishRetained(config.root() + "/alarms/" + t.alarm().id(), Json.alarm(t.alarm(), config.channels()));
        try {
            alarmStore.save(book.all());
            stateDir("alarms", null);
        } catch (IOException e) {
            stateDir("alarms", "cannot save the raised alarms in " + config.stateDir() + ": " + Errors.describe(e));
        }
        event(Json.alarmEvent(t, config.channels()));
        viewDirty = true;
        transitionListeners.forEach(l -> l.accept(t));
    }

    /**
     * Records an event in the journal; it is made durable and published at the end of the current
     * piece of engine work ({@link #commit}). Called from another thread once the engine runs, it
     * is handed to the engine (the journal is the engine's alone).
     */
    public void event(ObjectNode event) {
        Thread engine = engineThread;
        if (engine != null && Thread.currentThread() != engine) {
            submit(() -> event(event));
            return;
        }
        String problem = journal.record(event, clock.instant());
        if (problem != null) {
            stateDir("journal", problem);
        }
        eventListeners.forEach(l -> l.accept(event));
    }

    /** One fsync for the events of this piece of work, then they go to MQTT. */
    private void commit() {
        if (journal.pending()) {
            stateDir("journal", journal.commit());
        }
    }

    /**
     * A state_dir that cannot be written (a full disk) is an alarm of its own, {@code state_dir.fault},
     * raised at the first failed write of any kind and cleared once every kind works again; the agent
     * goes on alarming. {@code problem} null: that kind of write works.
     */
    private void stateDir(String kind, String problem) {
        String before = stateDirProblems.isEmpty() ? null : stateDirProblems.values().iterator().next();
        if (problem == null) {
            stateDirProblems.remove(kind);
        } else {
            stateDirProblems.put(kind, problem);
        }
        String now = stateDirProblems.isEmpty() ? null : stateDirProblems.values().iterator().next();
        if ((before == null) == (now == null)) {
            return;
        }
        if (now != null) {
            log.error("{}", now);
        }
        org.vigie.agent.config.Severity level = now == null ? null : org.vigie.agent.config.Severity.WARNING;
        Verdict v = new Verdict(STATE_DIR_ALARM, level, false, List.of(), null, null,
                now == null ? "state_dir " + config.stateDir() + " is written again" : now);
        book.apply(v, clock.instant()).ifPresent(this::transition);
    }

    private void ack(Ack a) {
        ack(AckRequest.parse(new String(a.payload(), StandardCharsets.UTF_8)), a.topic());
    }

    /** @return {@code null}, or why the acknowledgement was refused */
    private String ack(AckRequest req, String source) {
        if (req.problem() != null) {
            log.warn("ignored on {}: {}", source, req.problem());
            return req.problem();
        }
        AlarmBook.AckResult result = book.acknowledge(req.alarm(), req.by(), clock.instant());
        if (result.refusal() != null) {
            log.info("acknowledgement by {} ignored: {}", req.by(), result.refusal());
            return result.refusal();
        }
        transition(result.transition());
        return null;
    }

    /** Stops reading, records the stop, publishes {@code offline} and disconnects, within about 4 s. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        if (watchdog != null) {
            watchdog.close();
        }
        if (traps != null) {
            traps.close();
        }
        pollers.forEach(SensorPoller::close);
        timer.shutdownNow();
        readers.shutdownNow();
        ObjectNode stopped = Json.MAPPER.createObjectNode();
        stopped.put("type", "agent");
        stopped.put("state", "stopped");
        submit(() -> event(stopped));
        running = false;
        try {
            engineThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (link.connected() && link.waiting() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        link.close(Duration.ofSeconds(2));
        journal.close();
        closeListeners.forEach(Runnable::run);
        log.info("agent {} stopped", config.agent());
    }
}
