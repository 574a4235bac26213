package org.vigie.agent.shutdown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The strictly rising {@code seq} of shutdown commands, in {@code state_dir/shutdown.seq}. Taken
 * under a file lock and made durable before the command leaves, so the running agent and a manual
 * {@code vigie shutdown} never reuse a number, even across crashes.
 */
public final class CommandSeq {
    static final String FILE = "shutdown.seq";
    private final Path file;

    public CommandSeq(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        this.file = stateDir.resolve(FILE);
    }

    public long next() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            ByteBuffer buf = ByteBuffer.allocate(64);
            ch.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            long last;
            try {
                last = text.isEmpty() ? 0 : Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a sequence number: " + text, e);
            }
            long next = last + 1;
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return next;
        }
    }
}
