package org.vigie.agent.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Json;

/**
 * The discovery topics announced last time, kept in {@code state_dir} so that a channel or rule
 * removed from the configuration has its retained config deleted at the next start. A damaged or
 * unreadable file never stops the agent: one line, and it starts afresh (what it listed is then
 * not cleaned up).
 */
final class Announced {
    private static final Logger log = LoggerFactory.getLogger(Announced.class);
    static final String FILE = "homeassistant-announced.json";

    private final Path file;

    Announced(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** The topics of the last announcement; empty when there was none or the file is unreadable. */
    Set<String> load() {
        Set<String> topics = new LinkedHashSet<>();
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            JsonNode list = root == null ? null : root.get("topics");
            if (list == null || !list.isArray()) {
                log.warn("{}: not a list of announced Home Assistant topics; starting afresh", file);
                return topics;
            }
            list.forEach(t -> {
                if (t.isTextual()) {
                    topics.add(t.asText());
                }
            });
        } catch (NoSuchFileException e) {
            return topics;
        } catch (IOException e) {
            log.warn("{}: cannot read the announced Home Assistant topics ({}); starting afresh", file, Errors.describe(e));
        }
        return topics;
    }

    /** Replaces the file at once (a crash leaves the old or the new list, never half of one). */
    void save(Collection<String> topics) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        topics.forEach(root.putArray("topics")::add);
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(tmp, Json.bytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("{}: cannot record the announced Home Assistant topics: {}", file, Errors.describe(e));
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("{}: cannot delete: {}", file, Errors.describe(e));
        }
    }
}
