package org.vigie.sensors.serial;

import java.io.IOException;

/**
 * The bytes of an open serial line, as a protocol sees them during one exchange.
 *
 * <p>Failures of the line itself (the port vanished, I/O failed) are {@link PortLostException};
 * a read that sees nothing before its deadline returns 0 and is the protocol's timeout to report.
 */
public interface SerialIo {

    /** The line's framing, for timing (character times, inter-frame silence). */
    LineSettings line();

    /** Sends all of {@code data}. */
    void write(byte[] data) throws IOException;

    /**
     * Reads at least one and at most {@code len} bytes into {@code buf} at {@code off}, waiting at
     * most until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @return the number of bytes read, 0 when the deadline passed first
     */
    int read(byte[] buf, int off, int len, long deadlineNanos) throws IOException;

    /** Throws away whatever was received and not yet read (a late reply, line noise). */
    int discardInput() throws IOException;

    /**
     * Waits until nothing was sent or received on the line for {@code silenceNanos}: the
     * inter-frame gap some protocols (Modbus RTU's 3.5 characters) require before a request.
     */
    void awaitSilence(long silenceNanos) throws IOException;
}
