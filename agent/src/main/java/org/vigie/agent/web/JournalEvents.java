package org.vigie.agent.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.agent.run.EventLog;

/**
 * {@code GET /api/events?after_seq=N}: the journal's lines with a seq above N, oldest first, read
 * from the journal files newest first and only as far back as needed.
 */
final class JournalEvents {
    static final int MAX = 1000;
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");

    private JournalEvents() {
    }

    /** At most {@code limit} events after {@code afterSeq}, as JSON lines, oldest first. */
    static List<String> after(Path stateDir, long afterSeq, int limit) throws IOException {
        List<Path> files = EventLog.files(stateDir);
        Deque<List<String>> parts = new ArrayDeque<>();
        for (int i = files.size() - 1; i >= 0; i--) {
            List<String> part = new ArrayList<>();
            long first = Long.MAX_VALUE;
            try (BufferedReader in = Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    Matcher m = SEQ.matcher(line);
                    if (!m.find()) {
                        continue; // a torn last line after a crash
                    }
                    long seq = Long.parseLong(m.group(1));
                    first = Math.min(first, seq);
                    if (seq > afterSeq) {
                        part.add(line);
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // rotated away meanwhile
            }
            parts.addFirst(part);
            if (first <= afterSeq + 1) {
                break;
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            for (String line : p) {
                if (out.size() == limit) {
                    return out;
                }
                out.add(line);
            }
        }
        return out;
    }
}
