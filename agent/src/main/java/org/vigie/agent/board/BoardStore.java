package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The board's durable view, {@code state_dir/board.json}: every agent with its timeline and seq
 * continuity, the public book, and the feed's id. Written whole and atomically at most once a
 * second while something changes, and at stop; read at start.
 */
final class BoardStore {
    static final String FILE = "board.json";

    /** What was read back. */
    record Saved(List<AgentView> agents, PublicBook book, UUID feedId) {
    }

    private final Path file;

    BoardStore(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** The saved view, or {@code null} on a first start. */
    Saved load() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = FleetJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not the board's saved view: " + e.getMessage(), e);
        }
        try {
            PublicBook book = root.has("public") ? PublicJson.read(root.get("public")) : new PublicBook();
            UUID feedId = UUID.fromString(root.path("feed_id").asText());
            return new Saved(FleetJson.read(root.path("fleet")), book, feedId);
        } catch (RuntimeException e) {
            throw new IOException(file + ": the board's saved view is damaged: " + e.getMessage(), e);
        }
    }

    void save(ObjectNode fleet, ObjectNode pub, int nextId, UUID feedId) throws IOException {
        ObjectNode root = FleetJson.MAPPER.createObjectNode();
        root.put("version", 1);
        root.put("feed_id", feedId.toString());
        pub.put("next_id", nextId);
        root.set("public", pub);
        root.set("fleet", fleet);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, FleetJson.MAPPER.writeValueAsBytes(root));
    }
}
