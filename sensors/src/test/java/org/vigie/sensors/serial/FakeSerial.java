package org.vigie.sensors.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * An in-memory serial device for drivers' unit tests: a temp file stands for the device node,
 * {@link #responder} answers each written frame, and {@link #unplug()} makes the port vanish the
 * way a USB adapter does (node gone, disconnect event, I/O failing).
 */
public final class FakeSerial {

    /** Maps a request to the bytes the device sends back (empty: silence). */
    public volatile UnaryOperator<byte[]> responder = req -> new byte[0];
    public final Path path;
    public final AtomicInteger opens = new AtomicInteger();
    public final AtomicInteger writes = new AtomicInteger();
    private final AtomicLong offset = new AtomicLong();
    private final SerialPorts ports;
    private volatile FakePort current;

    public FakeSerial(Path dir) throws IOException {
        this.path = Files.createFile(dir.resolve("ttyFAKE0"));
        this.ports = new SerialPorts(this::open, () -> System.nanoTime() + offset.get());
    }

    /** The registry over this fake device. */
    public SerialPorts ports() {
        return ports;
    }

    /** Moves the link's clock (backoff) forward. */
    public void advance(Duration d) {
        offset.addAndGet(d.toNanos());
    }

    /** The device disappears: its node is removed, the OS reports the disconnect, I/O fails. */
    public void unplug() throws IOException {
        Files.deleteIfExists(path);
        FakePort p = current;
        if (p != null) {
            p.dead = true;
            p.onDisconnect.run();
        }
    }

    public void plugBack() throws IOException {
        Files.createFile(path);
    }

    private OpenPort open(String device, LineSettings line, Runnable onDisconnect) throws IOException {
        if (!Files.exists(Path.of(device))) {
            throw new IOException(device + ": no such device");
        }
        opens.incrementAndGet();
        FakePort p = new FakePort(device, onDisconnect);
        current = p;
        return p;
    }

    private final class FakePort implements OpenPort {
        final String device;
        final Runnable onDisconnect;
        final Deque<Byte> input = new ArrayDeque<>();
        volatile boolean dead;

        FakePort(String device, Runnable onDisconnect) {
            this.device = device;
            this.onDisconnect = onDisconnect;
        }

        @Override
        public synchronized void write(byte[] data) throws IOException {
            if (dead) {
                throw new PortLostException(device + ": write failed");
            }
            writes.incrementAndGet();
            for (byte b : responder.apply(data.clone())) {
                input.add(b);
            }
        }

        @Override
        public synchronized int read(byte[] buf, int off, int len, long deadlineNanos) throws IOException {
            if (dead) {
                throw new PortLostException(device + ": read failed");
            }
            int n = 0;
            while (n < len && !input.isEmpty()) {
                buf[off + n++] = input.poll();
            }
            return n;
        }

        @Override
        public synchronized int discardInput() {
            int n = input.size();
            input.clear();
            return n;
        }

        @Override
        public void close() {
            dead = true;
        }
    }
}
