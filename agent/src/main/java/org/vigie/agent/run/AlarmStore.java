package org.vigie.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.alarm.AlarmState;
import org.vigie.agent.config.Severity;

/**
 * The raised alarms, kept in {@code state_dir/alarms.json} across restarts: an agent restarted
 * mid-incident neither forgets an active alarm (leaving it retained as active on the broker with
 * nobody to clear it) nor raises it again as new.
 */
final class AlarmStore {
    static final String FILE = "alarms.json";
    private final Path dir;

    AlarmStore(Path stateDir) {
        this.dir = stateDir;
    }

    void save(List<Alarm> alarms) throws IOException {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Alarm a : alarms) {
            if (a.state().raised()) {
                list.add(Json.alarmNode(a));
            }
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(list)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The alarms raised at the last stop; an unreadable file is reported, not fatal. */
    List<Alarm> load() throws IOException {
        Path file = dir.resolve(FILE);
        List<Alarm> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode list = Json.MAPPER.readTree(file.toFile());
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": not a list of alarms");
        }
        for (JsonNode n : list) {
            List<String> sensors = new ArrayList<>();
            if (n.path("sensor").isTextual()) {
                sensors.add(n.get("sensor").asText());
            }
            n.path("sensors").forEach(s -> sensors.add(s.asText()));
            JsonNode v = n.path("value");
            Object value = v.isBoolean() ? (Object) v.asBoolean() : v.isNumber() ? (Object) v.asDouble() : null;
            try {
                out.add(new Alarm(n.path("alarm").asText(), Severity.of(n.path("severity").asText()),
                        AlarmState.valueOf(n.path("state").asText().toUpperCase(java.util.Locale.ROOT)),
                        List.copyOf(sensors), value, n.path("threshold").isNumber() ? n.get("threshold").asDouble() : null,
                        Instant.parse(n.path("since").asText()), Instant.parse(n.path("ts").asText()),
                        n.path("message").asText(), n.path("acked_by").isTextual() ? n.get("acked_by").asText() : null));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new IOException(file + ": unreadable alarm " + n.path("alarm").asText(), e);
            }
        }
        return out;
    }
}
