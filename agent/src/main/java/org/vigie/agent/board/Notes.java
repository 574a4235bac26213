package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Staff notes on incidents, handed from {@code vigie board note} to the running board through
 * {@code state_dir/notes/}: one file per note, written atomically, taken by the board on its next
 * tick and deleted once the board's view that holds it is saved (a note given while the board is
 * stopped is published at its next start).
 */
final class Notes {
    /** One note. */
    record Note(int incident, String text) {
    }

    private final Path dir;
    private final List<Path> taken = new ArrayList<>();

    Notes(Path stateDir) {
        this.dir = stateDir.resolve("notes");
    }

    /** Queues a note (the command's side). */
    static Path queue(Path stateDir, int incident, String text) throws IOException {
        Path dir = stateDir.resolve("notes");
        Files.createDirectories(dir);
        ObjectNode n = FleetJson.MAPPER.createObjectNode();
        n.put("incident", incident);
        n.put("text", text);
        Path file = dir.resolve(String.format("%020d-%d.json", System.currentTimeMillis() * 1000 + System.nanoTime() % 1000,
                ProcessHandle.current().pid()));
        AtomicFiles.write(file, FleetJson.MAPPER.writeValueAsBytes(n));
        return file;
    }

    /** Notes not taken yet, oldest first. */
    List<Note> take() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "[0-9]*.json")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        List<Note> out = new ArrayList<>();
        for (Path f : files) {
            if (taken.contains(f)) {
                continue;
            }
            taken.add(f);
            try {
                JsonNode n = FleetJson.MAPPER.readTree(Files.readString(f, StandardCharsets.UTF_8));
                out.add(new Note(n.path("incident").asInt(-1), n.path("text").asText()));
            } catch (IOException e) {
                throw new IOException("note " + f + " unreadable: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The board's view holding the taken notes is saved: their files go. */
    void done() throws IOException {
        for (Path f : taken) {
            Files.deleteIfExists(f);
        }
        taken.clear();
    }
}
