package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.vigie.agent.mqtt.Errors;

/**
 * Numbers every event with a {@code seq} that rises by one across restarts, and appends it to the
 * durable journal ({@code journal.jsonl} in {@code state_dir}); {@link #force} makes it durable
 * before it is handed to MQTT. The seq is recovered from the journal's last line at start
 * ({@code events.seq} is written at rotation and stop, for the rare case no journal is left).
 */
public final class EventLog implements AutoCloseable {
    static final String SEQ_FILE = "events.seq";
    public static final String JOURNAL = "journal.jsonl";
    /**
     * Rotated journals: {@code journal.1.jsonl} (newest) … {@code journal.N.jsonl} (oldest). This
     * many are kept as history once delivered; undelivered ones are kept whatever their number.
     */
    public static final int KEEP = 5;
    static final long ROTATE_BYTES = 4L * 1024 * 1024;

    private final Path dir;
    private final long rotateBytes;
    private FileChannel journal;
    private long seq;
    private boolean dirty;
    private int rotations;

    public EventLog(Path stateDir) throws IOException {
        this(stateDir, ROTATE_BYTES);
    }

    EventLog(Path stateDir, long rotateBytes) throws IOException {
        this.dir = stateDir;
        this.rotateBytes = rotateBytes;
        Files.createDirectories(stateDir);
        Path seqFile = stateDir.resolve(SEQ_FILE);
        if (Files.exists(seqFile)) {
            String text = Files.readString(seqFile, StandardCharsets.UTF_8).strip();
            try {
                seq = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException(seqFile + ": not a sequence number: " + text, e);
            }
        }
        journal = open();
        seq = Math.max(seq, lastSeqIn(journal));
        Path rotated = dir.resolve("journal.1.jsonl");
        if (Files.exists(rotated)) {
            try (FileChannel r = FileChannel.open(rotated, StandardOpenOption.READ)) {
                seq = Math.max(seq, lastSeqIn(r));
            }
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(dir.resolve(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
    }

    /** The journal files, oldest first: the rotated ones, then the current one. */
    public static java.util.List<Path> files(Path stateDir) {
        java.util.List<Path> out = new java.util.ArrayList<>(Segments.rotatedPaths(stateDir));
        Path current = stateDir.resolve(JOURNAL);
        if (Files.exists(current)) {
            out.add(current);
        }
        return out;
    }

    /**
     * Rotates by size: the seq file, written with every event, carries the count across. No file
     * is removed here: which ones may go is the delivery's business ({@link Journal}).
     */
    private void rotateIfFull() throws IOException {
        if (journal.size() < rotateBytes) {
            return;
        }
        journal.force(false);
        writeSeq(seq);
        journal.close();
        for (Path from : Segments.rotatedPaths(dir)) {
            Files.move(from, dir.resolve("journal." + (Segments.indexOf(from) + 1) + ".jsonl"),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(dir.resolve(JOURNAL), dir.resolve("journal.1.jsonl"), StandardCopyOption.ATOMIC_MOVE);
        journal = open();
        rotations++;
    }

    /** How many rotations since this log was opened (the rotated files changed when it moves). */
    synchronized int rotations() {
        return rotations;
    }

    /** The current file's size in bytes. */
    synchronized long currentSize() throws IOException {
        return journal.size();
    }

    /** The seq of a journal file's last complete line: the journal, not events.seq, is where the count lives. */
    private static long lastSeqIn(FileChannel file) throws IOException {
        long size = file.size();
        int len = (int) Math.min(size, 65536);
        if (len == 0) {
            return 0;
        }
        ByteBuffer tail = ByteBuffer.allocate(len);
        file.read(tail, size - len);
        String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            java.util.regex.Matcher m = SEQ.matcher(lines[i]);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    private static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("^\\{\"seq\":(\\d+),");

    /** The last seq used (0 before the first event ever). */
    public synchronized long lastSeq() {
        return seq;
    }

    /** An event as recorded: its seq and the payload to publish. */
    public record Recorded(long seq, byte[] payload) {
    }

    /** The journal could not be written (a full disk): the event has its seq, but no durable copy. */
    public static final class NotRecorded extends IOException {
        private final transient Recorded event;

        NotRecorded(Recorded event, IOException cause) {
            super(Errors.describe(cause), cause);
            this.event = event;
        }

        public Recorded event() {
            return event;
        }
    }

    /** Gives the event its seq and ts, makes both durable, and returns what to publish. */
    public synchronized Recorded record(ObjectNode event, Instant now) throws IOException {
        rotateIfFull();
        long next = seq + 1;
        dirty = true;
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("seq", next);
        n.put("ts", Json.ts(now));
        n.setAll(event);
        // The event's own number and time, whatever the event carries: a step naming another
        // number (a shutdown command's) says so under its own key, never under seq.
        n.put("seq", next);
        n.put("ts", Json.ts(now));
        byte[] payload = Json.bytes(n);
        ByteBuffer line = ByteBuffer.allocate(payload.length + 1).put(payload).put((byte) '\n').flip();
        long start = journal.size();
        seq = next;
        try {
            long at = start;
            while (line.hasRemaining()) {
                at += journal.write(line, at);
            }
        } catch (IOException e) {
            journal.truncate(start);
            throw new NotRecorded(new Recorded(next, payload), e);
        }
        return new Recorded(next, payload);
    }

    /**
     * Writes again an event whose first write failed (a full disk), once room was made: it keeps
     * the seq it was given, the journal's next line.
     */
    synchronized void append(Recorded event) throws IOException {
        ByteBuffer line = ByteBuffer.allocate(event.payload().length + 1).put(event.payload()).put((byte) '\n').flip();
        long start = journal.size();
        try {
            long at = start;
            while (line.hasRemaining()) {
                at += journal.write(line, at);
            }
        } catch (IOException e) {
            journal.truncate(start);
            throw e;
        }
        dirty = true;
    }

    /**
     * Makes every event recorded since the last call durable, with one {@code fsync} for all of
     * them (group commit: a burst of alarms costs one flush, and an SD card lasts). Events are
     * handed to MQTT only after this.
     */
    public synchronized void force() throws IOException {
        if (dirty) {
            journal.force(false);
            dirty = false;
        }
    }

    private void writeSeq(long value) throws IOException {
        Path tmp = dir.resolve(SEQ_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(SEQ_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() throws IOException {
        force();
        writeSeq(seq);
        journal.close();
    }
}
