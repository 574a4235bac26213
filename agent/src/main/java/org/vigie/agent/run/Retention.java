package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Which journal files may go. A rotated file whose events were all delivered is history: the
 * newest {@link EventLog#KEEP} are kept for {@code vigie timeline}, older ones removed. A file with
 * undelivered events is never removed, until the undelivered data passes
 * {@code journal.max_undelivered}: then the oldest files go (the newest state is worth more than
 * the oldest), and what they held is said exactly, as a {@link Dropped}.
 */
final class Retention {
    private final Path dir;
    private final long maxUndelivered;
    private List<Segments.Segment> segments;
    private int seenRotations = -1;
    private boolean changed;
    private Dropped last;
    /** The journal's last seq when {@link #last} happened: the problem stands until it is delivered. */
    private long lastSeqAtDrop;

    Retention(Path dir, long maxUndelivered) {
        this.dir = dir;
        this.maxUndelivered = maxUndelivered;
    }

    /** What was dropped: seqs {@code fromSeq..toSeq}, written between {@code fromTs} and {@code toTs}. */
    record Dropped(long fromSeq, long toSeq, String fromTs, String toTs, int files, long bytes, long maxBytes,
                   Instant at, String reason) {
        long count() {
            return toSeq - fromSeq + 1;
        }

        String describe() {
            return "journal: " + count() + " undelivered event(s) dropped at " + Json.ts(at) + ", seq " + fromSeq
                    + " to " + toSeq + " (written " + fromTs + " to " + toTs + "): " + reason + "; the newest are kept";
        }

        ObjectNode event() {
            ObjectNode e = Json.MAPPER.createObjectNode();
            e.put("type", "journal");
            e.put("state", "dropped");
            e.put("from_seq", fromSeq);
            e.put("to_seq", toSeq);
            e.put("count", count());
            e.put("from_ts", fromTs);
            e.put("to_ts", toTs);
            e.put("max_undelivered_bytes", maxBytes);
            e.put("reason", reason);
            e.put("message", describe());
            return e;
        }
    }

    /** Whether files were removed at the last {@link #apply}. */
    boolean changedFiles() {
        return changed;
    }

    /**
     * Removes what may go. {@code watermark}: every event up to it is delivered; {@code handed}:
     * every event up to it is with MQTT (kept in memory until delivered, so never counted dropped).
     *
     * @return what undelivered events had to be dropped, or {@code null}
     */
    Dropped apply(int rotations, long watermark, long handed, long lastSeq, long currentSize, Instant now)
            throws IOException {
        changed = false;
        if (rotations != seenRotations || segments == null) {
            segments = new java.util.ArrayList<>(Segments.rotated(dir));
            seenRotations = rotations;
        }
        while (segments.size() > EventLog.KEEP && segments.get(0).lastSeq() <= watermark) {
            remove();
        }
        long undelivered = currentSize;
        for (Segments.Segment s : segments) {
            if (s.lastSeq() > watermark) {
                undelivered += s.size();
            }
        }
        Cut cut = new Cut(watermark, handed);
        while (undelivered > maxUndelivered && !segments.isEmpty()) {
            Segments.Segment s = remove();
            if (s.lastSeq() > watermark) {
                undelivered -= s.size();
            }
            cut.add(s);
        }
        return cut.dropped(lastSeq, now, "more than " + (maxUndelivered / 1024 / 1024) + " MB of events waited for a broker");
    }

    /**
     * The disk holding the journal is full: removes its oldest file, delivered or not, so that the
     * newest events can still be written.
     *
     * @return what undelivered events went with it, or {@code null} ({@link #changedFiles()} says
     *         whether anything was removed at all)
     */
    Dropped makeRoom(int rotations, long watermark, long handed, long lastSeq, Instant now) throws IOException {
        changed = false;
        if (rotations != seenRotations || segments == null) {
            segments = new java.util.ArrayList<>(Segments.rotated(dir));
            seenRotations = rotations;
        }
        if (segments.isEmpty()) {
            return null;
        }
        Cut cut = new Cut(watermark, handed);
        cut.add(remove());
        return cut.dropped(lastSeq, now, "the disk holding state_dir was full");
    }

    /** The undelivered part of the files removed in one go. */
    private final class Cut {
        private final long watermark;
        private final long handed;
        private long from;
        private long to;
        private String fromTs;
        private String toTs;
        private int files;
        private long bytes;

        Cut(long watermark, long handed) {
            this.watermark = watermark;
            this.handed = handed;
        }

        void add(Segments.Segment s) {
            long first = Math.max(s.firstSeq(), Math.max(watermark, handed) + 1);
            if (s.lastSeq() > watermark && s.lastSeq() >= first) {
                if (from == 0) {
                    from = first;
                    fromTs = s.firstTs();
                }
                to = s.lastSeq();
                toTs = s.lastTs();
                files++;
                bytes += s.size();
            }
        }

        Dropped dropped(long lastSeq, Instant now, String reason) {
            if (from == 0) {
                return null;
            }
            last = new Dropped(from, to, fromTs, toTs, files, bytes, maxUndelivered, now, reason);
            lastSeqAtDrop = lastSeq;
            return last;
        }
    }

    private Segments.Segment remove() throws IOException {
        Segments.Segment s = segments.remove(0);
        Files.deleteIfExists(s.path());
        changed = true;
        return s;
    }

    /** The last drop's description while the events recorded before it still wait; else {@code null}. */
    String problem(long watermark) {
        if (last == null || watermark >= lastSeqAtDrop) {
            return null;
        }
        return last.describe();
    }
}
