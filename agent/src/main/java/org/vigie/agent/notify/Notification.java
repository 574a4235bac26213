package org.vigie.agent.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to deliver on one channel (to one number, for SMS): the unit that is persisted,
 * retried and journaled.
 *
 * @param id        unique in the outbox, sortable by creation
 * @param recipient the phone number of an SMS; {@code null} for e-mail (all its {@code to}) and webhooks
 */
record Notification(String id, String channel, String recipient, Message message, Instant created) {
    Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(created, "created");
    }

    /** For logs and events: {@code chat 0000001764393600000-0001} or with the number. */
    String label() {
        return channel + (recipient == null ? "" : " " + recipient) + " " + id;
    }
}
