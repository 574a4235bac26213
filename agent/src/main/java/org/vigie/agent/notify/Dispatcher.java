package org.vigie.agent.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Json;

/**
 * Delivers notifications: each is made durable in the {@link Outbox} first (on its own thread),
 * then sent on its channel's own thread, so a hung SMTP server holds neither the webhook nor the
 * modem, and nothing holds the agent. A failure is retried after 5 s, doubling up to 5 min; a
 * notification still undelivered after a day is given up. Every attempt is an event.
 */
final class Dispatcher implements AutoCloseable {
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    static final Duration GIVE_UP = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Map<String, Sender> senders;
    private final Consumer<ObjectNode> events;
    private final Clock clock;
    private final Duration firstRetry;
    private final ExecutorService persister = Executors.newSingleThreadExecutor(Notifier.daemon("vigie-notify-outbox"));
    private final Map<String, ScheduledExecutorService> lanes = new HashMap<>();

    /** @param events receives every {@code type: notify} event, from the dispatcher's threads */
    Dispatcher(Outbox outbox, Map<String, Sender> senders, Consumer<ObjectNode> events, Clock clock, Duration firstRetry) {
        this.outbox = outbox;
        this.senders = senders;
        this.events = events;
        this.clock = clock;
        this.firstRetry = firstRetry;
        senders.keySet().forEach(id -> lanes.put(id,
                Executors.newSingleThreadScheduledExecutor(Notifier.daemon("vigie-notify-" + id))));
    }

    /** Persists, then sends. Any thread; returns at once. */
    void submit(Notification n) {
        run(persister, () -> {
            try {
                outbox.persist(n);
            } catch (IOException e) {
                log.error("notify {}: cannot persist in the outbox ({}); sending it anyway", n.label(), Errors.describe(e));
            }
            run(lanes.get(n.channel()), () -> attempt(n, 1));
        });
    }

    /** Sends what an earlier run left in the outbox. */
    void resume(List<Notification> pending) {
        for (Notification n : pending) {
            ScheduledExecutorService lane = lanes.get(n.channel());
            if (lane == null) {
                log.warn("notify {}: channel {} is no longer configured; left in the outbox", n.label(), n.channel());
                continue;
            }
            log.info("notify {}: {} left from before, sending again", n.label(), n.message().kind().wire());
            run(lane, () -> attempt(n, 1));
        }
    }

    private void attempt(Notification n, int attempt) {
        ObjectNode e = event(n, attempt);
        try {
            String detail = senders.get(n.channel()).send(n);
            remove(n);
            e.put("outcome", "sent");
            e.put("detail", detail);
            log.info("notify {}: {} sent ({}), attempt {}", n.label(), what(n), detail, attempt);
        } catch (IOException | RuntimeException ex) {
            String error = Notifier.oneLine(ex);
            e.put("error", error);
            if (Duration.between(n.created(), clock.instant()).compareTo(GIVE_UP) >= 0) {
                remove(n);
                e.put("outcome", "expired");
                log.error("notify {}: {} given up after {} attempts over a day: {}", n.label(), what(n), attempt, error);
            } else {
                Duration delay = delay(attempt);
                e.put("outcome", "failed");
                e.put("retry_in_s", delay.toMillis() / 1000.0);
                log.warn("notify {}: {} not sent (attempt {}): {}; retrying in {} ms", n.label(), what(n), attempt, error,
                        delay.toMillis());
                ScheduledExecutorService lane = lanes.get(n.channel());
                try {
                    lane.schedule(() -> attempt(n, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopped) {
                    log.info("notify {}: stopping; left in the outbox for the next start", n.label());
                }
            }
        }
        events.accept(e);
    }

    Duration delay(int attempt) {
        long ms = firstRetry.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(ms, MAX_RETRY.toMillis()));
    }

    private void remove(Notification n) {
        try {
            outbox.remove(n);
        } catch (IOException e) {
            log.warn("notify {}: delivered, but not removed from the outbox ({}); it may be sent again at the next start",
                    n.label(), Errors.describe(e));
        }
    }

    private static String what(Notification n) {
        return n.message().kind().wire() + (n.message().alarm() == null ? "" : " " + n.message().alarm());
    }

    private static ObjectNode event(Notification n, int attempt) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "notify");
        e.put("channel", n.channel());
        if (n.recipient() != null) {
            e.put("recipient", n.recipient());
        }
        e.put("notification", n.id());
        e.put("kind", n.message().kind().wire());
        if (n.message().alarm() != null) {
            e.put("alarm", n.message().alarm());
        }
        e.put("attempt", attempt);
        return e;
    }

    private static void run(ExecutorService ex, Runnable task) {
        try {
            ex.execute(task);
        } catch (RejectedExecutionException e) {
            log.info("notify: stopping; the notification stays in the outbox for the next start");
        }
    }

    /** Stops at once: what is not delivered stays in the outbox. Never waits for a channel. */
    @Override
    public void close() {
        persister.shutdownNow();
        lanes.values().forEach(ExecutorService::shutdownNow);
        senders.values().forEach(Sender::close);
    }
}
