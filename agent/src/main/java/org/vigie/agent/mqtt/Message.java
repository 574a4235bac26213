package org.vigie.agent.mqtt;

/** One message to publish; a retained message's payload may be replaced by a newer one while it waits. */
final class Message {
    final String topic;
    final boolean retained;
    volatile byte[] payload;

    Message(String topic, byte[] payload, boolean retained) {
        this.topic = topic;
        this.payload = payload;
        this.retained = retained;
    }
}
