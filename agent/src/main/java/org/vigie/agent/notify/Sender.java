package org.vigie.agent.notify;

import java.io.IOException;

/** Delivers notifications on one channel. Called from that channel's own thread only. */
interface Sender extends AutoCloseable {

    /**
     * Delivers {@code n} within the channel's timeouts.
     *
     * @return what the far end said, for the journal ({@code HTTP 200}, {@code +CMGS: 12})
     * @throws IOException one line saying what went wrong; the notification is retried
     */
    String send(Notification n) throws IOException;

    /** Releases the channel's resources. Never throws. */
    @Override
    default void close() {
    }
}
