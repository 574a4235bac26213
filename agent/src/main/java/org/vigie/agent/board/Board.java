package org.vigie.agent.board;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.BoardConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttLink;
import org.vigie.agent.mqtt.MqttSettings;

/**
 * {@code vigie board}: follows every agent of the configured sites through one broker (persistent
 * session, QoS 1, so what arrives while the board reconnects waits in the broker), keeps its view
 * in {@code state_dir}, serves the staff board and rewrites the public files. Every change of
 * state happens on one board thread.
 */
public final class Board implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Board.class);
    static final Duration TICK = Duration.ofMillis(250);
    static final Duration SAVE_EVERY = Duration.ofSeconds(1);

    private final BoardConfig config;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final MqttLink link;
    private final BoardStore store;
    private final Notes notes;
    private final RateLimitedLog junk = new RateLimitedLog(log, Duration.ofSeconds(10));
    private final PublicFiles publicFiles;
    private Fleet fleet;
    private PublicBook book = new PublicBook();
    private UUID feedId = UUID.randomUUID();
    private boolean dirty;
    private boolean publicDirty = true;
    private Instant lastSave = Instant.EPOCH;
    /** How long the last save took: the next waits ten times that at least, so saving never crowds out intake. */
    private Duration lastSaveTook = Duration.ZERO;
    private StaffServer http;
    private volatile Runnable onPublicWritten = () -> { };
    private volatile java.util.function.Consumer<String> onChanged = topic -> { };
    /** A public update is scheduled: changes within {@link #COALESCE} go out together. */
    private boolean publishScheduled;
    static final Duration COALESCE = Duration.ofMillis(20);

    public Board(BoardConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigie-board");
            t.setDaemon(true);
            return t;
        });
        this.link = new MqttLink(MqttSettings.of(config.mqtt(), null, false));
        this.store = new BoardStore(config.stateDir());
        this.notes = new Notes(config.stateDir());
        this.publicFiles = config.pub() == null ? null : new PublicFiles(config.pub());
    }

    /** Loads the saved view, connects, serves; returns at once. */
    public void start() throws IOException {
        java.nio.file.Files.createDirectories(config.stateDir());
        Instant now = clock.instant();
        fleet = new Fleet(config.offlineAfter());
        BoardStore.Saved saved = store.load();
        if (saved != null) {
            for (AgentView v : saved.agents()) {
                // The board was away, not the agents: each gets offline_after from now to be heard again.
                if (v.reachable && v.lastSeen.isBefore(now)) {
                    v.lastSeen = now;
                }
                fleet.restore(v);
            }
            book = saved.book();
            feedId = saved.feedId();
            log.info("board {}: {} agent(s) and {} incident(s) restored from {}", config.board(),
                    saved.agents().size(), book.incidents.size(), store.file());
        }
        if (config.pub() != null) {
            config.pub().components().forEach(c -> c.agents().forEach(a -> fleet.expect(c.site(), a, now)));
        }
        for (String filter : filters()) {
            link.subscribeAcking(filter, (topic, payload, retained, ack) -> thread.execute(() -> {
                try {
                    message(topic, payload, retained);
                } finally {
                    ack.run();
                }
            }));
        }
        link.start();
        thread.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (config.http() != null) {
            http = StaffServer.start(config.http(), this);
        }
        log.info("board {} started: following {} through {}; state in {}", config.board(),
                config.sites().isEmpty() ? "every site" : "sites " + config.sites(), config.mqtt().urls(),
                config.stateDir());
    }

    private List<String> filters() {
        if (config.sites().isEmpty()) {
            return List.of("vigie/#");
        }
        return config.sites().stream().map(s -> "vigie/" + s + "/#").toList();
    }

    public MqttLink link() {
        return link;
    }

    /** Called on the board thread each time the public files were rewritten (benchmarks, tests). */
    public void onPublicWritten(Runnable r) {
        onPublicWritten = r;
    }

    /** Called on the board thread with the topic of each message that changed the board (benchmarks, tests). */
    public void onChanged(java.util.function.Consumer<String> listener) {
        onChanged = listener;
    }

    private void message(String topic, byte[] payload, boolean retained) {
        Topic t = Topic.parse(topic);
        if (t == null) {
            if (!Topic.otherAgentTopic(topic)) {
                junk.warn("board: ignored a message on " + clip(topic) + ": not a topic of an agent");
            }
            return;
        }
        if (!config.follows(t.site())) {
            return;
        }
        try {
            if (fleet.apply(t, payload, retained, clock.instant())) {
                dirty = true;
                publicDirty = true;
                onChanged.accept(topic);
                if (!publishScheduled && config.pub() != null) {
                    publishScheduled = true;
                    thread.schedule((Runnable) this::publish, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (Fleet.Rejected e) {
            junk.warn("board: refused a message on " + clip(topic) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            junk.warn("board: refused a message on " + clip(topic) + ": " + Errors.describe(e));
        }
    }

    private static String clip(String topic) {
        String printable = topic.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (fleet.tick(now)) {
                dirty = true;
                publicDirty = true;
            }
            for (Notes.Note n : notes.take()) {
                if (book.note(n.incident(), n.text(), now)) {
                    log.info("incident {}: staff note published", n.incident());
                    dirty = true;
                    publicDirty = true;
                } else {
                    log.warn("note for incident {} dropped: no such incident", n.incident());
                }
            }
            publish(now);
            Duration every = lastSaveTook.multipliedBy(10).compareTo(SAVE_EVERY) > 0 ? lastSaveTook.multipliedBy(10) : SAVE_EVERY;
            if (dirty && Duration.between(lastSave, now).compareTo(every) >= 0) {
                save(now);
                notes.done();
            }
        } catch (IOException e) {
            junk.warn("board: " + Errors.describe(e));
        } catch (RuntimeException e) {
            log.error("board: {} (continuing)", Errors.describe(e), e);
        }
    }

    private void publish() {
        publishScheduled = false;
        try {
            publish(clock.instant());
        } catch (IOException e) {
            junk.warn("board: public files: " + Errors.describe(e));
        } catch (RuntimeException e) {
            log.error("board: {} (continuing)", Errors.describe(e), e);
        }
    }

    /** Recomputes the public book and rewrites the public files when anything changed. */
    private void publish(Instant now) throws IOException {
        if (!publicDirty || config.pub() == null) {
            return;
        }
        publicDirty = false;
        if (book.update(config.pub(), fleet, now)) {
            dirty = true;
        }
        if (publicFiles.write(book, feedId)) {
            onPublicWritten.run();
        }
    }

    private void save(Instant now) throws IOException {
        long t0 = System.nanoTime();
        dirty = false;
        lastSave = now;
        try {
            write(now);
        } finally {
            lastSaveTook = Duration.ofNanos(System.nanoTime() - t0);
        }
    }

    private void write(Instant now) throws IOException {
        List<String> names = config.pub() == null ? List.of()
                : config.pub().components().stream().map(BoardConfig.Component::name).toList();
        store.save(FleetJson.write(config.board(), fleet, this::componentOf, now, true),
                PublicJson.write(config.pub() == null ? "" : config.pub().title(), names, book), book.nextId, feedId);
    }

    String componentOf(String site, String agent) {
        if (config.pub() == null) {
            return null;
        }
        return config.pub().components().stream().filter(c -> c.covers(site, agent)).map(BoardConfig.Component::name)
                .findFirst().orElse(null);
    }

    /** Runs {@code task} on the board thread and waits for it (the staff server's reads). */
    <T> T read(Callable<T> task) throws Exception {
        return thread.submit(task).get(5, TimeUnit.SECONDS);
    }

    Fleet fleet() {
        return fleet;
    }

    BoardConfig config() {
        return config;
    }

    Instant now() {
        return clock.instant();
    }

    /** Every internal id the board knows: what a public note may not name. */
    static Set<String> internalIds(BoardConfig config, BoardStore.Saved saved) {
        Set<String> ids = new HashSet<>(config.sites());
        ids.add(config.board());
        if (config.pub() != null) {
            config.pub().components().forEach(c -> {
                ids.add(c.site());
                ids.addAll(c.agents());
            });
        }
        if (saved != null) {
            for (AgentView v : saved.agents()) {
                ids.add(v.site);
                ids.add(v.agent);
                v.alarms.values().forEach(a -> {
                    ids.add(a.id());
                    if (a.sensor() != null) {
                        ids.add(a.sensor());
                    }
                });
                v.timeline.forEach(e -> {
                    for (String f : List.of("alarm", "sensor", "host", "group", "policy")) {
                        if (e.path(f).isTextual()) {
                            ids.add(e.path(f).asText());
                        }
                    }
                });
            }
        }
        return ids;
    }

    @Override
    public void close() {
        link.close(Duration.ofSeconds(2));
        if (http != null) {
            http.stop();
        }
        try {
            thread.submit(() -> {
                try {
                    save(clock.instant());
                } catch (IOException e) {
                    log.warn("board: the view was not saved at stop: {}", Errors.describe(e));
                }
            }).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("board: the view was not saved at stop: {}", Errors.describe(e));
        }
        thread.shutdownNow();
    }
}
