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
 * The journal's files as segments of the event sequence: {@code journal.N.jsonl} (N = 1 newest
 * rotated … oldest) then {@code journal.jsonl}, each with the seq and ts of its first and last
 * complete line. Rotated files never change, so their bounds are read once per rotation.
 */
final class Segments {
    private static final Pattern ROTATED = Pattern.compile("journal\\.(\\d+)\\.jsonl");
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),\"ts\":\"([^\"]*)\"");
    private static final int EDGE = 65536;

    /** One file: {@code firstSeq} 0 when it holds no complete event. */
    record Segment(Path path, int index, long firstSeq, String firstTs, long lastSeq, String lastTs, long size) {
    }

    private Segments() {
    }

    /** The rotated files' paths, oldest (highest N) first. */
    static List<Path> rotatedPaths(Path dir) {
        List<int[]> found = new ArrayList<>();
        String[] names = dir.toFile().list();
        if (names != null) {
            for (String name : names) {
                Matcher m = ROTATED.matcher(name);
                if (m.matches() && m.group(1).length() < 9) {
                    found.add(new int[] {Integer.parseInt(m.group(1))});
                }
            }
        }
        found.sort((a, b) -> Integer.compare(b[0], a[0]));
        List<Path> out = new ArrayList<>();
        found.forEach(n -> out.add(dir.resolve("journal." + n[0] + ".jsonl")));
        return out;
    }

    static int indexOf(Path rotated) {
        Matcher m = ROTATED.matcher(rotated.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The rotated files as segments, oldest first. */
    static List<Segment> rotated(Path dir) throws IOException {
        List<Segment> out = new ArrayList<>();
        for (Path p : rotatedPaths(dir)) {
            out.add(read(p));
        }
        return out;
    }

    static Segment read(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            String head = text(ch, 0, (int) Math.min(size, EDGE));
            String tail = text(ch, Math.max(0, size - EDGE), (int) Math.min(size, EDGE));
            Matcher first = null;
            for (String line : head.split("\n")) {
                Matcher m = SEQ.matcher(line);
                if (m.find()) {
                    first = m;
                    break;
                }
            }
            Matcher last = null;
            String[] lines = tail.split("\n");
            for (int i = lines.length - 1; i >= 0 && last == null; i--) {
                Matcher m = SEQ.matcher(lines[i]);
                if (m.find()) {
                    last = m;
                }
            }
            if (first == null || last == null) {
                return new Segment(p, indexOf(p), 0, null, 0, null, size);
            }
            return new Segment(p, indexOf(p), Long.parseLong(first.group(1)), first.group(2),
                    Long.parseLong(last.group(1)), last.group(2), size);
        }
    }

    private static String text(FileChannel ch, long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // reads until len bytes or the end
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }
}
