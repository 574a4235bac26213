package org.vigie.agent.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.run.Json;

/**
 * The durable queue of notifications not yet delivered: one small JSON file per notification in
 * {@code state_dir/notify-outbox/}, written and fsynced (file and folder) before the first attempt,
 * removed when delivered or given up. What is there at start is sent again.
 */
final class Outbox {
    static final String DIR = "notify-outbox";
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Path dir;
    private final AtomicLong counter = new AtomicLong();

    Outbox(Path stateDir) throws IOException {
        this.dir = stateDir.resolve(DIR);
        Files.createDirectories(dir);
    }

    /** A new unique id, sortable by time of creation. */
    String nextId(Instant now) {
        return String.format("%013d-%06d", now.toEpochMilli(), counter.incrementAndGet() % 1_000_000);
    }

    void persist(Notification n) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", n.id());
        o.put("channel", n.channel());
        o.put("recipient", n.recipient());
        o.put("created", Json.ts(n.created()));
        Message m = n.message();
        o.put("kind", m.kind().wire());
        o.put("alarm", m.alarm());
        o.put("text", m.text());
        o.put("subject", m.subject());
        o.put("body", m.body());
        o.put("json", m.json());
        Path tmp = dir.resolve(n.id() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(Json.bytes(o));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file(n.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDir();
    }

    void remove(Notification n) throws IOException {
        Files.deleteIfExists(file(n.id()));
    }

    /** Every notification left from before, oldest first; an unreadable file is logged and set aside. */
    List<Notification> pending() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            s.forEach(files::add);
        }
        files.sort(null);
        List<Notification> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(read(Json.MAPPER.readTree(f.toFile())));
            } catch (IOException | RuntimeException e) {
                Path aside = f.resolveSibling(f.getFileName() + ".bad");
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                log.warn("notify outbox {}: unreadable ({}); moved to {}", f, why, aside.getFileName());
                Files.move(f, aside, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }

    private static Notification read(JsonNode o) {
        Message m = new Message(Message.Kind.valueOf(o.get("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                o.path("alarm").isTextual() ? o.get("alarm").asText() : null, o.get("text").asText(),
                o.get("subject").asText(), o.get("body").asText(), o.get("json").asText());
        return new Notification(o.get("id").asText(), o.get("channel").asText(),
                o.path("recipient").isTextual() ? o.get("recipient").asText() : null, m,
                Instant.parse(o.get("created").asText()));
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    private void syncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
