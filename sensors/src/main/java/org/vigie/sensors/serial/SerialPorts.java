package org.vigie.sensors.serial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The registry of open serial ports: sensors naming the same device share one {@link SharedLink}
 * (and so one bus lock), reference-counted; the port closes with its last handle.
 *
 * <p>Ports are keyed by the device a path leads to when the first sensor acquires it
 * ({@code /dev/serial/by-id/usb-FTDI…} and {@code /dev/ttyUSB0} are then one bus), or by the
 * path as written when it does not exist yet; the same path as written always finds its link. The agent owns {@link #system()}: it closes every
 * sensor at shutdown, and may call {@link #closeAll()} last as a safety net.
 */
public final class SerialPorts {

    private static final SerialPorts SYSTEM = new SerialPorts(new JSerialCommDriver(), System::nanoTime);

    private final PortDriver driver;
    private final LongSupplier nanos;
    private final Map<String, Entry> links = new HashMap<>();
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigie-serial-closer");
        t.setDaemon(true);
        return t;
    });

    private static final class Entry {
        final SharedLink link;
        final Path configured;
        int refs;

        Entry(SharedLink link, Path configured) {
            this.link = link;
            this.configured = configured;
        }
    }

    SerialPorts(PortDriver driver, LongSupplier nanos) {
        this.driver = driver;
        this.nanos = nanos;
    }

    /** The process-wide registry over real serial ports (jSerialComm, loaded on first open). */
    public static SerialPorts system() {
        return SYSTEM;
    }

    /**
     * A handle on the port at {@code path}. Never touches the device: it is opened at the first
     * exchange.
     *
     * @throws IOException the port is already in use by other sensors with other line settings
     */
    public synchronized SerialLink acquire(Path path, LineSettings line, String owner) throws IOException {
        String key = key(path);
        Path normalized = path.toAbsolutePath().normalize();
        Entry entry = links.get(key);
        if (entry == null) {
            // the same path as a link opened earlier, whose device has since changed behind the path
            for (var e : links.entrySet()) {
                if (e.getValue().configured.equals(normalized)) {
                    key = e.getKey();
                    entry = e.getValue();
                    break;
                }
            }
        }
        if (entry == null) {
            entry = new Entry(new SharedLink(path, line, driver, nanos, closer), normalized);
            links.put(key, entry);
        } else if (!entry.link.line().equals(line)) {
            throw new IOException(owner + " " + path + ": port already used at " + entry.link.line()
                    + " by another sensor, this one asks " + line);
        }
        entry.refs++;
        return new Handle(key, entry.link);
    }

    private static String key(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    private synchronized void release(String key, SharedLink link) {
        Entry entry = links.get(key);
        if (entry == null || entry.link != link) {
            return;
        }
        entry.refs--;
        if (entry.refs <= 0) {
            links.remove(key);
            link.shutdown();
        }
    }

    /** Closes every port (agent shutdown). Handles still held fail their next exchange. */
    public void closeAll() {
        List<SharedLink> all;
        synchronized (this) {
            all = new ArrayList<>();
            links.values().forEach(e -> all.add(e.link));
            links.clear();
        }
        all.forEach(SharedLink::shutdown);
    }

    /** How many distinct ports are held (tests, diagnostics). */
    synchronized int openLinks() {
        return links.size();
    }

    /** One sensor's share of a port. */
    private final class Handle implements SerialLink {
        private final String key;
        private final SharedLink link;
        private final List<Consumer<String>> mine = new ArrayList<>();
        private boolean released;

        Handle(String key, SharedLink link) {
            this.key = key;
            this.link = link;
        }

        @Override
        public String path() {
            return link.path();
        }

        @Override
        public <T> T exchange(Exchange<T> exchange) throws IOException {
            return link.exchange(exchange);
        }

        @Override
        public synchronized void onLost(Consumer<String> listener) {
            mine.add(listener);
            link.addListener(listener);
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            mine.forEach(link::removeListener);
            release(key, link);
        }
    }
}
