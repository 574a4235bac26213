package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttLink;

/**
 * The agent's events on their way out: recorded in the journal first, made durable together (one
 * fsync per piece of engine work), then handed to MQTT with a note of their delivery. At most
 * {@link #WINDOW} events are with MQTT at once; the rest wait in the journal and are read back in
 * order as the broker acknowledges ({@link Backlog}), so a broker outage of any length costs disk,
 * not memory, and loses nothing. Engine thread only.
 */
final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** Events handed to MQTT and not yet acknowledged, at most. */
    static final int WINDOW = 1000;

    private final EventLog events;
    private final EventDelivery delivery;
    private final Backlog backlog;
    private final Retention retention;
    private final MqttLink link;
    private final String topic;
    private final Path dir;
    private final List<EventLog.Recorded> recorded = new ArrayList<>();
    /** The highest seq handed to MQTT: every journal event up to it has been. */
    private long handed;

    Journal(Path stateDir, MqttLink link, String topic, long maxUndeliveredBytes) throws IOException {
        this.dir = stateDir;
        this.events = new EventLog(stateDir, Math.min(EventLog.ROTATE_BYTES, maxUndeliveredBytes / 8));
        this.delivery = new EventDelivery(stateDir, events.lastSeq());
        this.backlog = new Backlog(stateDir);
        this.retention = new Retention(stateDir, maxUndeliveredBytes);
        this.link = link;
        this.topic = topic;
        this.handed = delivery.watermark();
    }

    /** At start: what the broker never acknowledged is delivered first, from the journal, in order. */
    void redeliver() {
        long waiting = events.lastSeq() - handed;
        if (waiting > 0) {
            log.info("{} event(s) not acknowledged by a broker before the last stop are delivered first", waiting);
        }
        refill();
    }

    /**
     * Records an event; it is published at the next {@link #commit}.
     *
     * @return {@code null}, or what went wrong with the durable copy (the event was published anyway)
     */
    String record(ObjectNode event, Instant now) {
        try {
            recorded.add(events.record(event, now));
            return null;
        } catch (EventLog.NotRecorded e) {
            if (recordedAfterMakingRoom(e.event(), now)) {
                return null;
            }
            long seq = e.event().seq();
            link.publish(topic, e.event().payload(), false, () -> delivery.delivered(seq));
            if (handed == seq - 1) {
                handed = seq;
            }
            return "cannot write the journal in " + dir + ": " + e.getMessage()
                    + "; events are published without their durable copy";
        } catch (IOException e) {
            link.publish(topic, Json.bytes(event));
            return "cannot write the journal in " + dir + ": " + Errors.describe(e);
        }
    }

    /**
     * A write failed: when the journal has an older file to give up, the oldest goes (the newest
     * state is worth more) and the event is written again. What went undelivered with it is said.
     */
    private boolean recordedAfterMakingRoom(EventLog.Recorded event, Instant now) {
        Retention.Dropped dropped;
        try {
            dropped = retention.makeRoom(events.rotations(), delivery.watermark(), handed, event.seq() - 1, now);
            if (!retention.changedFiles()) {
                return false;
            }
            backlog.filesChanged();
            events.append(event);
        } catch (IOException again) {
            log.warn("journal in {}: no room made for event {}: {}", dir, event.seq(), Errors.describe(again));
            return false;
        }
        recorded.add(event);
        dropped(dropped, now);
        return true;
    }

    private void dropped(Retention.Dropped dropped, Instant now) {
        if (dropped != null) {
            delivery.skipTo(dropped.toSeq());
            handed = Math.max(handed, dropped.toSeq());
            log.error("{}", dropped.describe());
            record(dropped.event(), now);
        }
    }

    boolean pending() {
        return !recorded.isEmpty() || (handed < events.lastSeq() && inFlight() < WINDOW / 2);
    }

    private long inFlight() {
        return handed - delivery.watermark();
    }

    /**
     * Makes the events recorded since the last commit durable with one fsync, then hands them to
     * MQTT, unless older ones still wait in the journal (they go first, read back from it). The
     * agent calls it after each piece of work of its engine loop.
     *
     * @return {@code null}, or what went wrong (the events were published anyway)
     */
    String commit() {
        String problem = null;
        if (!recorded.isEmpty()) {
            try {
                events.force();
            } catch (IOException e) {
                problem = "cannot flush the journal in " + dir + ": " + Errors.describe(e)
                        + "; events are published without their durable copy";
            }
            for (EventLog.Recorded r : recorded) {
                if (r.seq() == handed + 1 && inFlight() < WINDOW) {
                    hand(r.seq(), r.payload());
                }
            }
            recorded.clear();
        }
        if (handed < events.lastSeq() && inFlight() < WINDOW / 2) {
            refill();
        }
        return problem;
    }

    private void hand(long seq, byte[] payload) {
        link.publish(topic, payload, false, () -> delivery.delivered(seq));
        handed = seq;
    }

    /** Reads the next events waiting in the journal, up to the window. */
    private void refill() {
        int room = (int) (WINDOW - inFlight());
        if (room <= 0 || handed >= events.lastSeq()) {
            return;
        }
        try {
            for (Backlog.Pending p : backlog.read(handed, room)) {
                hand(p.seq(), p.payload());
            }
        } catch (IOException e) {
            log.warn("journal in {}: cannot read undelivered events back: {}; trying again", dir, Errors.describe(e));
        }
    }

    long lastSeq() {
        return events.lastSeq();
    }

    /** How many recorded events the broker has not acknowledged yet. */
    long undelivered() {
        return Math.max(0, events.lastSeq() - delivery.watermark());
    }

    /**
     * Once a second: notes how far delivery got (a crash only means duplicates), removes journal
     * files that are delivered and beyond the history kept, and keeps undelivered data within its
     * bound, recording what it had to drop.
     *
     * @return {@code null}, or what went wrong with state_dir
     */
    String flush(Instant now) {
        String problem = null;
        try {
            delivery.flush();
        } catch (IOException e) {
            problem = "cannot record delivered events in " + dir + ": " + Errors.describe(e);
        }
        try {
            Retention.Dropped dropped = retention.apply(events.rotations(), delivery.watermark(), handed,
                    events.lastSeq(), events.currentSize(), now);
            if (retention.changedFiles()) {
                backlog.filesChanged();
            }
            dropped(dropped, now);
        } catch (IOException e) {
            problem = "cannot tidy the journal in " + dir + ": " + Errors.describe(e);
        }
        return problem;
    }

    /** Why undelivered events were dropped, while the events after the drop wait for a broker; else null. */
    String undeliveredProblem() {
        return retention.problem(delivery.watermark());
    }

    /**
     * Makes what was recorded durable and closes the files. Nothing more is handed to MQTT (the
     * link is closed by now): what the broker did not acknowledge is delivered at the next start.
     */
    @Override
    public void close() {
        recorded.clear();
        try {
            delivery.flush();
        } catch (IOException e) {
            log.warn("cannot record delivered events in {}: {}", dir, Errors.describe(e));
        }
        try {
            events.close();
        } catch (IOException e) {
            log.warn("journal close: {}", Errors.describe(e));
        }
    }
}
