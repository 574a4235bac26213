package org.vigie.sensors.serial;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * One sensor's handle on a serial port that several sensors may share (an RS-485 bus): exchanges
 * through it are serialized with every other handle on the same port. Closing the handle releases
 * the sensor's share; the port closes with its last handle.
 */
public interface SerialLink extends AutoCloseable {

    /** One request/response on the line, run while the sensor holds the port alone. */
    @FunctionalInterface
    interface Exchange<T> {
        T run(SerialIo io) throws IOException;
    }

    /** The port as configured, for messages. */
    String path();

    /**
     * Opens the port when needed (reopening a vanished one, with backoff) and runs {@code exchange}
     * on it while no other sensor uses the port.
     *
     * @throws PortLostException the port is absent or failed during the exchange
     * @throws IOException       whatever the exchange throws (a timeout, a bad frame)
     */
    <T> T exchange(Exchange<T> exchange) throws IOException;

    /**
     * Calls {@code listener} with the problem text, from any thread, as soon as the port is seen to
     * vanish: a sensor pushes {@code fault} readings at once instead of at its next poll.
     */
    void onLost(Consumer<String> listener);

    /** Releases this handle. Never throws. */
    @Override
    void close();
}
