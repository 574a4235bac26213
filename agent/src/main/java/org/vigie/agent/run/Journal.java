package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttLink;

/**
 * The agent's events on their way out: recorded in the journal first, then handed to MQTT with a
 * note of their delivery, and at start every event the broker never acknowledged is handed over
 * again, in order (see {@link EventDelivery}).
 */
final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final EventLog events;
    private final EventDelivery delivery;
    private final MqttLink link;
    private final String topic;
    private final java.nio.file.Path dir;

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
            EventLog.Recorded r = events.record(event, now);
            link.publish(topic, r.payload(), false, () -> delivery.delivered(r.seq()));
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

    /** Notes how far delivery got (at most once a second is plenty: a crash only means duplicates). */
    void flush() {
        try {
            delivery.flush();
        } catch (IOException e) {
            log.warn("state_dir {}: cannot record delivered events: {}", dir, Errors.describe(e));
        }
    }

    @Override
    public void close() {
        flush();
        try {
            events.close();
        } catch (IOException e) {
            log.warn("journal close: {}", Errors.describe(e));
        }
    }
}
