package org.vigie.agent.mqtt;

/**
 * One message to publish. A retained message's payload may be replaced by a newer one while it
 * waits. {@code durable} messages have a copy on disk (the journal, the command outbox) and are
 * never dropped from the queue to make room; {@code onDelivered} runs (on the MQTT thread) once
 * the broker has acknowledged the message.
 */
final class Message {
    final String topic;
    final boolean retained;
    final boolean durable;
    final Runnable onDelivered;
    volatile byte[] payload;

    Message(String topic, byte[] payload, boolean retained, boolean durable, Runnable onDelivered) {
        this.topic = topic;
        this.payload = payload;
        this.retained = retained;
        this.durable = durable;
        this.onDelivered = onDelivered;
    }
}
