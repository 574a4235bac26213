package org.vigie.agent.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;

/**
 * Which events the broker has acknowledged. The journal is the durable copy of every event; this
 * keeps the highest {@code seq} up to which all were delivered ({@code events.delivered}, written
 * in batches); what lies above it in the journal is delivered again after a broker outage, a
 * restart, a {@code kill -9} or a power cut, in order ({@link Backlog}).
 * Paho's own buffers are not relied on.
 */
final class EventDelivery {
    static final String FILE = "events.delivered";

    private final Path dir;
    private final TreeSet<Long> ahead = new TreeSet<>();
    private long delivered;
    private boolean dirty;

    /** @param lastSeq the journal's last seq, used as the watermark when none was ever written */
    EventDelivery(Path stateDir, long lastSeq) throws IOException {
        this.dir = stateDir;
        Path file = stateDir.resolve(FILE);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            try {
                delivered = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a sequence number: " + text, e);
            }
        } else {
            delivered = lastSeq;
            dirty = true;
        }
    }

    synchronized long watermark() {
        return delivered;
    }

    /** The broker acknowledged event {@code seq} (any thread). */
    synchronized void delivered(long seq) {
        if (seq <= delivered) {
            return;
        }
        ahead.add(seq);
        while (!ahead.isEmpty() && ahead.first() == delivered + 1) {
            delivered = ahead.pollFirst();
            dirty = true;
        }
    }

    /**
     * Events up to {@code seq} will never be delivered (they were dropped to keep the newest): the
     * watermark moves past them.
     */
    synchronized void skipTo(long seq) {
        if (seq <= delivered) {
            return;
        }
        delivered = seq;
        ahead.headSet(seq, true).clear();
        while (!ahead.isEmpty() && ahead.first() == delivered + 1) {
            delivered = ahead.pollFirst();
        }
        dirty = true;
    }

    /** Writes the watermark if it moved (durably; a crash before only means a few duplicates). */
    void flush() throws IOException {
        long value;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            value = delivered;
            dirty = false;
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
