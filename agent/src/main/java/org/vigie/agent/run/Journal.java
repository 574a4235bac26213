package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttLink;

/**
 * The agent's events on their way out: recorded in the journal first, made durable together (one
 * fsync per piece of engine work), then handed to MQTT with a note of their delivery, and at start every event the broker never acknowledged is handed over
 * again, in order (see {@link EventDelivery}).
 */
final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final EventLog events;
    private final EventDelivery delivery;
    private final MqttLink link;
    private final String topic;
    private final java.nio.file.Path dir;
    private final java.util.List<EventLog.Recorded> recorded = new java.util.ArrayList<>();

    Journal(java.nio.file.Path stateDir, MqttLink link, String topic) throws IOException {
        this.dir = stateDir;
        this.events = new EventLog(stateDir);
        this.delivery = new EventDelivery(stateDir, events.lastSeq());
        this.link = link;
        this.topic = topic;
    }

    /** Hands every event the broker never acknowledged to MQTT, oldest first. */
    void redeliver() throws IOException {
        var undelivered = delivery.undelivered();
        for (EventDelivery.Pending p : undelivered) {
            link.publish(topic, p.payload(), false, () -> delivery.delivered(p.seq()));
        }
        if (!undelivered.isEmpty()) {
            log.info("{} event(s) not acknowledged by a broker before the last stop are delivered first",
                    undelivered.size());
        }
    }

    /**
     * Records and publishes an event.
     *
     * @return {@code null}, or what went wrong with the durable copy (the event was published anyway)
     */
    String record(ObjectNode event, Instant now) {
        try {
            recorded.add(events.record(event, now));
            return null;
        } catch (EventLog.NotRecorded e) {
            link.publish(topic, e.event().payload());
            return "cannot write the journal in " + dir + ": " + e.getMessage()
                    + "; events are published without their durable copy";
        } catch (IOException e) {
            link.publish(topic, Json.bytes(event));
            return "cannot write the journal in " + dir + ": " + Errors.describe(e);
        }
    }

    /**
     * Makes the events recorded since the last commit durable with one fsync, then hands them to
     * MQTT. The agent calls it after each piece of work of its engine loop.
     *
     * @return {@code null}, or what went wrong (the events were published anyway)
     */
    boolean pending() {
        return !recorded.isEmpty();
    }

    String commit() {
        if (recorded.isEmpty()) {
            return null;
        }
        String problem = null;
        try {
            events.force();
        } catch (IOException e) {
            problem = "cannot flush the journal in " + dir + ": " + Errors.describe(e)
                    + "; events are published without their durable copy";
        }
        for (EventLog.Recorded r : recorded) {
            link.publish(topic, r.payload(), false, () -> delivery.delivered(r.seq()));
        }
        recorded.clear();
        return problem;
    }

    /** Notes how far delivery got (at most once a second is plenty: a crash only means duplicates). */
    /** @return {@code null}, or what went wrong */
    String flush() {
        try {
            delivery.flush();
            return null;
        } catch (IOException e) {
            return "cannot record delivered events in " + dir + ": " + Errors.describe(e);
        }
    }

    long lastSeq() {
        return events.lastSeq();
    }

    /** How many recorded events the broker has not acknowledged yet. */
    long undelivered() {
        return Math.max(0, events.lastSeq() - delivery.watermark());
    }

    @Override
    public void close() {
        commit();
        String problem = flush();
        if (problem != null) {
            log.warn("{}", problem);
        }
        try {
            events.close();
        } catch (IOException e) {
            log.warn("journal close: {}", Errors.describe(e));
        }
    }
}
