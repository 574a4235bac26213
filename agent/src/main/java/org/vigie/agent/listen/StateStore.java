package org.vigie.agent.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Json;

/**
 * The listener's durable memory: one JSON file in {@code state_dir}, replaced atomically (written
 * aside, fsynced, renamed, directory fsynced), so a crash leaves either the old state or the new,
 * never half of one.
 */
final class StateStore {
    static final String FILE = "listener-state.json";
    private static final int FORMAT = 1;

    private final Path dir;
    private final Path file;

    StateStore(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /**
     * The saved state, or an empty one when there is none yet. A file that cannot be read is an
     * error: starting afresh would forget which commands were already accepted (the replay guard).
     */
    Snapshot load() throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : Errors.describe(e);
            throw new IOException("cannot create the state directory " + dir + ": " + why, e);
        }
        if (!Files.exists(file)) {
            return Snapshot.EMPTY;
        }
        try {
            return parse(Json.MAPPER.readTree(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            // the reason is carried in the message, in one line: the log shows it without a stack trace
            throw new IOException(file + ": not a readable listener state (" + reason(e) + "); it holds the replay "
                    + "guard, so vigie will not start without it: restore it, or move it away knowingly to start afresh");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return j.getOriginalMessage().lines().findFirst().orElse("not JSON") + " at line " + j.getLocation().getLineNr()
                    + ", column " + j.getLocation().getColumnNr();
        }
        return Errors.describe(e).lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private static Snapshot parse(JsonNode root) {
        if (root == null || root.path("v").asInt() != FORMAT) {
            throw new IllegalArgumentException("unknown format, expected v=" + FORMAT);
        }
        Map<String, Snapshot.Last> agents = new LinkedHashMap<>();
        root.path("agents").fields().forEachRemaining(e -> agents.put(e.getKey(),
                new Snapshot.Last(e.getValue().path("seq").asLong(), text(e.getValue(), "sig"))));
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (JsonNode p : root.path("pending")) {
            Pending x = new Pending(text(p, "group"), text(p, "agent"), p.path("seq").asLong(), text(p, "sig"),
                    time(p, "accepted"), time(p, "deadline"), time(p, "expires"),
                    p.path("reason").isTextual() ? p.path("reason").asText() : null,
                    AckState.fromWire(text(p, "state")));
            pending.put(x.key(), x);
        }
        return new Snapshot(agents, pending);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time", e);
        }
    }

    /** Makes {@code s} durable; when this returns, a crash or power cut keeps it. */
    void save(Snapshot s) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("v", FORMAT);
        ObjectNode agents = root.putObject("agents");
        s.agents().forEach((agent, last) -> agents.putObject(agent).put("seq", last.seq()).put("sig", last.sig()));
        ArrayNode pending = root.putArray("pending");
        for (Pending p : s.pending().values()) {
            ObjectNode n = pending.addObject();
            n.put("group", p.group());
            n.put("agent", p.agent());
            n.put("seq", p.seq());
            n.put("sig", p.sig());
            n.put("accepted", p.accepted().toString());
            n.put("deadline", p.deadline().toString());
            n.put("expires", p.expires().toString());
            n.put("reason", p.reason());
            n.put("state", p.state().wire());
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(Json.bytes(root));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
