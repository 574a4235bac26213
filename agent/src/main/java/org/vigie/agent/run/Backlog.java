package org.vigie.agent.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the journal forward from a seq, a batch at a time, so that however long a broker outage
 * was, only a window of its events is in memory at once. Remembers where the last batch ended
 * (the file by its first seq, which survives the renames of rotation, and the byte offset).
 */
final class Backlog {
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");
    private static final int CHUNK = 256 * 1024;

    /** One journal line not yet handed to MQTT. */
    record Pending(long seq, byte[] payload) {
    }

    private final Path dir;
    private long cursorFirstSeq = -1;
    private long cursorOffset;
    /** The rotated files' bounds; they never change until the next rotation or removal. */
    private final java.util.Map<Path, Segments.Segment> bounds = new java.util.HashMap<>();

    Backlog(Path dir) {
        this.dir = dir;
    }

    /** The journal's files were renamed or removed. */
    void filesChanged() {
        bounds.clear();
    }

    /** Up to {@code limit} events with a seq above {@code after}, oldest first. */
    List<Pending> read(long after, int limit) throws IOException {
        List<Pending> out = new ArrayList<>();
        List<Path> files = EventLog.files(dir);
        for (int i = 0; i < files.size() && out.size() < limit; i++) {
            Path f = files.get(i);
            boolean current = i == files.size() - 1;
            Segments.Segment s = current ? Segments.read(f) : bounds.get(f);
            if (s == null) {
                s = Segments.read(f);
                bounds.put(f, s);
            }
            if (s.firstSeq() == 0 || (s.lastSeq() <= after && !current)) {
                continue;
            }
            long from = s.firstSeq() == cursorFirstSeq ? cursorOffset : 0;
            from = scan(f, s.firstSeq(), from, after, limit, out);
            cursorFirstSeq = s.firstSeq();
            cursorOffset = from;
        }
        return out;
    }

    /** Reads complete lines from {@code offset}; returns the offset after the last line read. */
    private long scan(Path f, long firstSeq, long offset, long after, int limit, List<Pending> out) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = offset > size ? 0 : offset;
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            long lineStart = at;
            while (at < size && out.size() < limit) {
                buf.clear();
                int n = ch.read(buf, at);
                if (n <= 0) {
                    break;
                }
                for (int k = 0; k < n && out.size() < limit; k++) {
                    byte b = buf.get(k);
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    lineStart = at + k + 1;
                    Matcher m = SEQ.matcher(text);
                    if (m.find() && text.endsWith("}")) {
                        long seq = Long.parseLong(m.group(1));
                        if (seq > after) {
                            out.add(new Pending(seq, text.getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                }
                at += n;
            }
            return lineStart;
        }
    }
}
