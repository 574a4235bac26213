package org.vigie.agent.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.ValueType;

/** The history store through its API: rollups, gaps, retention, a damaged file, the size on disk. */
class HistoryStoreTest {
    private static final long T0 = Instant.parse("2026-01-31T22:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    static SensorSpec sensor(String id, Duration interval) {
        SensorBase base = new SensorBase(id, "file", "temperature", "°C", interval, interval.multipliedBy(3));
        return new SensorSpec() {
            @Override
            public SensorBase base() {
                return base;
            }

            @Override
            public List<ChannelSpec> channels() {
                return List.of(new ChannelSpec(id, ValueType.NUMBER, "°C", "temperature"));
            }
        };
    }

    private HistoryStore store(Duration retain) {
        return HistoryStore.open(dir, retain, List.of(sensor("t", Duration.ofSeconds(1))));
    }

    private static Reading at(long ms, double v) {
        return Reading.number("t", v, Instant.ofEpochMilli(ms));
    }

    @Test
    void everySecondIsKeptAndEachMinuteRollsUpToMinMaxMean() throws Exception {
        try (HistoryStore s = store(Duration.ofDays(7))) {
            for (int i = 0; i < 180; i++) {
                s.record(at(T0 + i * 1000L + 300, i % 60)); // 0..59 in each minute
            }
            s.record(at(T0 + 180_000 + 300, 5));
            s.flush();
            Series raw = s.query("t", T0, 0).orElseThrow();
            assertEquals(181, raw.size());
            assertEquals(T0 + 59_000, raw.ts()[59]);
            assertEquals(59f, raw.mean()[59]);
            Series minutes = s.query("t", T0, 60_000).orElseThrow();
            assertEquals(4, minutes.size(), "three closed minutes and the live one");
            for (int m = 0; m < 3; m++) {
                assertEquals(T0 + m * 60_000L, minutes.ts()[m]);
                assertEquals(0f, minutes.min()[m]);
                assertEquals(59f, minutes.max()[m]);
                assertEquals(29.5f, minutes.mean()[m], 1e-4);
            }
            assertEquals(5f, minutes.mean()[3]);
            Series fiveMin = s.query("t", T0, 300_000).orElseThrow();
            assertEquals(1, fiveMin.size());
            assertEquals(59f, fiveMin.max()[0]);
        }
    }

    @Test
    void staleAndFaultPeriodsAreGapsButAMissedSlotKeepsTheValue() throws Exception {
        try (HistoryStore s = store(Duration.ofDays(7))) {
            s.record(at(T0, 20));
            s.record(at(T0 + 2000, 21)); // slot T0+1s missed (jitter): held at 20, within stale_after
            s.record(Reading.fault("t", Instant.ofEpochMilli(T0 + 3000), "cable cut"));
            s.record(at(T0 + 10_000, 22)); // after a fault: a gap, given as one null
            Series raw = s.query("t", T0, 0).orElseThrow();
            assertArrayEquals(new long[] {T0, T0 + 1000, T0 + 2000, T0 + 3000, T0 + 10_000}, raw.ts());
            assertEquals(20f, raw.mean()[1]);
            assertTrue(Float.isNaN(raw.mean()[3]));
            assertEquals(22f, raw.mean()[4]);
        }
    }

    @Test
    void aRestartKeepsWhatWasFlushedAndTheDowntimeIsAGap() throws Exception {
        try (HistoryStore s = store(Duration.ofDays(7))) {
            for (int i = 0; i < 30; i++) {
                s.record(at(T0 + i * 1000L, 20 + i));
            }
        }
        try (HistoryStore s = store(Duration.ofDays(7))) {
            s.record(at(T0 + 60_000, 99));
            Series raw = s.query("t", T0, 0).orElseThrow();
            assertEquals(20f, raw.mean()[0]);
            assertEquals(49f, raw.mean()[29]);
            assertTrue(Float.isNaN(raw.mean()[30]), "the agent was not running");
            assertEquals(99f, raw.mean()[raw.size() - 1]);
        }
    }

    @Test
    void theOldestGoesFirstAndTheFileNeverGrows() throws Exception {
        Duration retain = Duration.ofHours(1);
        Path file = dir.resolve("history/t.hist");
        try (HistoryStore s = store(retain)) {
            long size = Files.size(file);
            assertEquals(RingFile.size(3600, 60), size);
            for (int i = 0; i < 3 * 3600; i++) {
                s.record(at(T0 + i * 1000L, i));
                if (i % 600 == 0) {
                    s.flush();
                }
            }
            s.flush();
            assertEquals(size, Files.size(file));
            long end = T0 + 3 * 3600 * 1000L;
            Series raw = s.query("t", T0, 0).orElseThrow();
            assertEquals(3600, raw.size());
            assertEquals(end - 3600 * 1000L, raw.ts()[0]);
            assertEquals(3 * 3600 - 1f, raw.mean()[3599]);
            Series minutes = s.query("t", T0, 60_000).orElseThrow();
            assertTrue(minutes.ts()[0] >= end - 3600 * 1000L - 60_000, "only the last hour of minutes is kept");
        }
    }

    @Test
    void aDamagedFileStartsAfreshWithoutStoppingAnything() throws Exception {
        try (HistoryStore s = store(Duration.ofDays(7))) {
            s.record(at(T0, 20));
        }
        Path file = dir.resolve("history/t.hist");
        Files.write(file, "garbage".getBytes());
        try (HistoryStore s = store(Duration.ofDays(7))) {
            assertEquals(0, s.query("t", T0, 0).orElseThrow().size());
            s.record(at(T0 + 5000, 21));
            assertEquals(21f, s.query("t", T0, 0).orElseThrow().mean()[0]);
        }
        Files.delete(file);
        try (HistoryStore s = store(Duration.ofDays(7))) {
            assertEquals(0, s.query("t", T0, 0).orElseThrow().size(), "a missing file is a fresh start");
            assertFalse(s.query("nope", T0, 0).isPresent());
        }
    }

    @Test
    void aHundredChannelsReadEverySecondForSevenDaysFitInFiftyMegabytes() {
        long perChannel = RingFile.size(86_400, 7 * 1440);
        assertTrue(100 * perChannel <= 50_000_000L, "100 channels take " + 100 * perChannel + " bytes");
    }
}
