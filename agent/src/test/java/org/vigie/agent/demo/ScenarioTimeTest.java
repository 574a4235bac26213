package org.vigie.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's clock and durations in scenario time, and its timeline's order. */
class ScenarioTimeTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Test
    void compressedDurationsAndInstantsReadAsTheScenarioSpeaksOfThem() {
        ScenarioTime t = new ScenarioTime(60);
        t.origin(T0);
        t.origin(T0 + 5000);
        assertEquals("02:00", t.clock(T0 + 2000));
        assertEquals("00:00", t.clock(T0 - 100));
        assertEquals(60, t.seconds(1));
        assertEquals("temp-cold-aisle rising 2.43 °C per minute (limit 2 per minute)",
                t.text("temp-cold-aisle rising 2.43 °C per 1s (limit 2 per 1s)"));
        assertEquals("rising per hour, per 30 s, per 2 min", t.text("rising per 1m, per 500ms, per 2s"));
        assertEquals("runs at 03:05 (dry run)", t.text("runs at 2026-01-01T00:00:03.083Z (dry run)"));
        assertEquals("no timing here", t.text("no timing here"));
    }

    @Test
    void theTimelinePrintsByTimestampNotByArrival() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioTime t = new ScenarioTime(60);
        t.origin(T0);
        try (Timeline timeline = new Timeline(new PrintStream(bytes, true, StandardCharsets.UTF_8), t)) {
            timeline.add(T0 + 2133, "SEND  group rack-a-batch");
            timeline.add(T0 + 2100, "ALARM CRITICAL basement-leak");
            timeline.add(T0 + 2100, "ALARM second at the same instant, arrived later");
        }
        assertEquals("  02:06  ALARM CRITICAL basement-leak\n  02:06  ALARM second at the same instant, arrived later\n"
                + "  02:08  SEND  group rack-a-batch\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
