package org.vigie.sensors.serial;

import java.io.IOException;

/** An open OS serial port, as a {@link PortDriver} gives it: raw I/O, no timing bookkeeping. */
interface OpenPort extends AutoCloseable {

    void write(byte[] data) throws IOException;

    /** Like {@link SerialIo#read}. */
    int read(byte[] buf, int off, int len, long deadlineNanos) throws IOException;

    int discardInput() throws IOException;

    /** Closes the port. Never throws. */
    @Override
    void close();
}
