package org.vigie.agent.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.vigie.agent.run.EventLog;
import org.vigie.agent.run.Json;

/** Prints the durable journal as an incident timeline: one line per event, in local time. */
public final class Timeline {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Timeline() {
    }

    public static Optional<Instant> since(String text, Instant now, ZoneId zone) {
        return Since.parse(text, now, zone);
    }

    /** @return how many events were printed */
    public static int print(Path stateDir, Instant since, ZoneId zone, PrintStream out) throws IOException {
        int printed = 0;
        int unreadable = 0;
        DateTimeFormatter fmt = LOCAL.withZone(zone);
        for (Path file : EventLog.files(stateDir)) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode e;
                    Instant ts;
                    try {
                        e = Json.MAPPER.readTree(line);
                        ts = Instant.parse(e.path("ts").asText());
                    } catch (IOException | DateTimeParseException ex) {
                        unreadable++;
                        continue;
                    }
                    if (since != null && ts.isBefore(since)) {
                        continue;
                    }
                    out.printf("%s  #%-6s %s%n", fmt.format(ts), e.path("seq").asText(), EventText.describe(e));
                    printed++;
                }
            }
        }
        if (unreadable > 0) {
            out.println("(" + unreadable + " unreadable journal line(s) skipped: a write cut short by a power loss)");
        }
        return printed;
    }
}
