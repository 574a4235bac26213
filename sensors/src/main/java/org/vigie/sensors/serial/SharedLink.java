package org.vigie.sensors.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One serial port shared by every sensor configured on it: exchanges are serialized by a fair
 * lock; the port is opened lazily, checked before each exchange (the path still there, still
 * pointing to the same device, no disconnect event), dropped at the first sign of loss and
 * reopened by path with {@link Backoff}.
 */
final class SharedLink {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLink.class);
    /** How long an exchange waits for the other sensors on the bus before giving up. */
    static final long BUS_WAIT_SECONDS = 10;

    private final Path configured;
    private final LineSettings line;
    private final PortDriver driver;
    private final LongSupplier nanos;
    private final Executor closer;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Backoff backoff = new Backoff();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    // guarded by lock
    private OpenPort port;
    private TrackingIo io;
    private String openedReal;
    private String lastProblem = "not opened yet";
    private boolean lostLogged;
    private boolean closed;
    /** Set by the disconnect event of the port currently open; reset at each open. */
    private volatile AtomicBoolean lostFlag = new AtomicBoolean();

    SharedLink(Path configured, LineSettings line, PortDriver driver, LongSupplier nanos, Executor closer) {
        this.configured = configured;
        this.line = line;
        this.driver = driver;
        this.nanos = nanos;
        this.closer = closer;
    }

    String path() {
        return configured.toString();
    }

    LineSettings line() {
        return line;
    }

    void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    <T> T exchange(SerialLink.Exchange<T> exchange) throws IOException {
        try {
            if (!lock.tryLock(BUS_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(path() + ": bus busy for more than " + BUS_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(path() + ": interrupted waiting for the bus");
        }
        try {
            ensureOpen();
            try {
                return exchange.run(io);
            } catch (PortLostException e) {
                drop(e.getMessage());
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new PortLostException(path() + ": closed");
        }
        if (port != null) {
            if (lostFlag.get()) {
                drop(path() + ": port disconnected");
            } else {
                String real = Files.exists(configured) ? realPathOrNull() : null;
                if (real == null) {
                    drop(path() + ": port vanished");
                } else if (!real.equals(openedReal)) {
                    drop(path() + ": now leads to " + real + " instead of " + openedReal);
                }
            }
        }
        if (port == null) {
            open();
        }
    }

    private void open() throws IOException {
        long now = nanos.getAsLong();
        if (!backoff.ready(now)) {
            long ms = TimeUnit.NANOSECONDS.toMillis(backoff.remaining(now));
            throw new PortLostException(lastProblem + " (next try in " + ms + " ms)");
        }
        try {
            String real = realPath();
            AtomicBoolean flag = new AtomicBoolean();
            OpenPort opened = driver.open(real, line, () -> disconnected(flag));
            port = opened;
            io = new TrackingIo(opened, line, nanos);
            lostFlag = flag;
            openedReal = real;
            backoff.succeeded();
            LOG.info("{}: open ({}, {})", path(), real, line);
            lostLogged = false;
        } catch (IOException e) {
            backoff.failed(now);
            lastProblem = e.getMessage() != null && e.getMessage().startsWith(path()) ? e.getMessage()
                    : path() + ": cannot open: " + describe(e);
            if (!lostLogged) {
                LOG.warn("{}; retrying with backoff up to {} s", lastProblem, Backoff.MAX_NANOS / 1_000_000_000L);
                lostLogged = true;
            }
            throw new PortLostException(lastProblem, e);
        }
    }

    private String realPath() throws IOException {
        try {
            return configured.toRealPath().toString();
        } catch (NoSuchFileException e) {
            throw new IOException(path() + ": no such device", e);
        }
    }

    private String realPathOrNull() {
        try {
            return configured.toRealPath().toString();
        } catch (IOException e) {
            return null; // gone between the two checks: the caller reports the port vanished
        }
    }

    /** From the driver's event thread: the OS says the port is gone. */
    private void disconnected(AtomicBoolean flag) {
        if (flag.compareAndSet(false, true)) {
            notifyLost(path() + ": port disconnected");
        }
    }

    /** Forgets the open port (under the lock) and tells the sensors. */
    private void drop(String problem) {
        OpenPort p = port;
        port = null;
        io = null;
        openedReal = null;
        lastProblem = problem;
        backoff.failed(nanos.getAsLong());
        if (p != null) {
            boolean alreadyTold = !lostFlag.compareAndSet(false, true);
            closer.execute(p::close);
            if (!alreadyTold) {
                notifyLost(problem);
            }
            LOG.warn("{}; reopening with backoff", problem);
            lostLogged = true;
        }
    }

    private void notifyLost(String problem) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(problem);
            } catch (RuntimeException e) {
                LOG.warn("{}: a listener failed on port loss: {}", path(), e.toString());
            }
        }
    }

    /** Closes the port for good (the last handle was released, or the agent stops). */
    void shutdown() {
        lock.lock();
        try {
            closed = true;
            if (port != null) {
                port.close();
                port = null;
                LOG.info("{}: closed", path());
            }
        } finally {
            lock.unlock();
        }
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
