package org.vigie.sensors.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** An open port's I/O, keeping the time of the last byte on the line for inter-frame silence. */
final class TrackingIo implements SerialIo {

    private final OpenPort open;
    private final LineSettings line;
    private final LongSupplier nanos;
    /** When the last byte left or arrived; guarded by the link's bus lock. */
    private long lastTraffic;

    TrackingIo(OpenPort open, LineSettings line, LongSupplier nanos) {
        this.open = open;
        this.line = line;
        this.nanos = nanos;
        this.lastTraffic = nanos.getAsLong();
    }

    @Override
    public LineSettings line() {
        return line;
    }

    @Override
    public void write(byte[] data) throws IOException {
        open.write(data);
        lastTraffic = nanos.getAsLong() + line.nanosFor(data.length);
    }

    @Override
    public int read(byte[] buf, int off, int len, long deadlineNanos) throws IOException {
        int n = open.read(buf, off, len, deadlineNanos);
        if (n > 0) {
            lastTraffic = nanos.getAsLong();
        }
        return n;
    }

    @Override
    public int discardInput() throws IOException {
        return open.discardInput();
    }

    @Override
    public void awaitSilence(long silenceNanos) throws IOException {
        long wait = lastTraffic + silenceNanos - nanos.getAsLong();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for the line to fall silent");
            }
        }
    }
}
