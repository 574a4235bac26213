package org.vigie.agent.notify;

import java.util.Objects;

/**
 * What one notification says, in the forms its channels need.
 *
 * @param kind    why it is sent
 * @param alarm   the alarm it is about, or {@code null} (digests, notices, tests)
 * @param text    one line, the essentials first (severity, alarm, state, site/agent, message): the SMS
 * @param subject the e-mail subject
 * @param body    the e-mail body
 * @param json    the webhook payload (for an alarm: the payload of its MQTT alarm topic)
 */
public record Message(Kind kind, String alarm, String text, String subject, String body, String json) {

    /** Why a message is sent. */
    public enum Kind {
        ALARM, REPEAT, DIGEST, DROPPED, TEST, RECOVERY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Message {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(json, "json");
    }
}
