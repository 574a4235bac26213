package org.vigie.sensors.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.ValueType;

/** {@code type: sim}: the script played against the time since the sensor was opened. */
class SimSensorTest {

    private static final Instant START = Instant.parse("2026-03-01T02:00:00Z");
    private static final SensorBase BASE = new SensorBase("s1", "sim", null, "°C", Duration.ofSeconds(5),
            Duration.ofSeconds(15));

    private static Map<String, Object> step(String at, Object value) {
        return Map.of("at", at, "value", value);
    }

    private static SimSensorType.Spec parse(List<String> expectedProblems, Object values, Object... flags) {
        Map<String, Object> keys = new HashMap<>();
        keys.put("values", values);
        for (int i = 0; i < flags.length; i += 2) {
            keys.put((String) flags[i], flags[i + 1]);
        }
        MapSettings settings = new MapSettings(keys);
        SimSensorType.Spec spec = new SimSensorType().parse(BASE, settings);
        assertEquals(expectedProblems, settings.problems());
        return spec;
    }

    private static Sensor open(Object values, Object... flags) {
        return new SimSensorType().open(parse(List.of(), values, flags),
                new SensorContext(Clock.fixed(START, ZoneOffset.UTC), Path.of(".")));
    }

    private static Reading at(Sensor s, String elapsed) throws java.io.IOException {
        Instant now = START.plus(Duration.parse("PT" + elapsed.toUpperCase()));
        List<Reading> r = s.read(now);
        assertEquals(1, r.size());
        assertEquals(now, r.get(0).ts());
        assertEquals("s1", r.get(0).channel());
        return r.get(0);
    }

    private static Object value(Sensor s, String elapsed) throws java.io.IOException {
        return at(s, elapsed).value();
    }

    @Test
    void stepsHoldTheirValueUntilTheNextStep() throws Exception {
        Sensor s = open(List.of(step("0s", 21), step("1m", 30.5), step("2m", 25)));
        assertEquals(21.0, value(s, "0s"));
        assertEquals(21.0, value(s, "59.999s"));
        assertEquals(30.5, value(s, "60s"));
        assertEquals(25.0, value(s, "2m"));
        assertEquals(25.0, value(s, "10h"), "without repeat the last value stays");
    }

    @Test
    void rampInterpolatesBetweenNumbers() throws Exception {
        Sensor s = open(List.of(step("0s", 20), step("1m", 26), step("2m", 26)), "ramp", true);
        assertEquals(20.0, value(s, "0s"));
        assertEquals(21.0, (Double) value(s, "10s"), 1e-9);
        assertEquals(23.0, (Double) value(s, "30s"), 1e-9);
        assertEquals(26.0, (Double) value(s, "90s"), 1e-9);
        assertEquals(26.0, (Double) value(s, "1h"), 1e-9);
    }

    @Test
    void repeatStartsOverAtTheLastStepsTime() throws Exception {
        // The last step marks the length of the loop: at 20 s the script is back at its first step.
        Sensor s = open(List.of(step("0s", 1), step("10s", 2), step("20s", 3)), "repeat", true);
        assertEquals(1.0, value(s, "5s"));
        assertEquals(2.0, value(s, "15s"));
        assertEquals(1.0, value(s, "20s"));
        assertEquals(2.0, value(s, "35s"));
        assertEquals(1.0, value(s, "1h"));
    }

    @Test
    void booleanStepsGiveBooleanReadings() throws Exception {
        SimSensorType.Spec spec = parse(List.of(), List.of(step("0s", false), step("2m", true)));
        assertEquals(ValueType.BOOLEAN, spec.valueType());
        Sensor s = open(List.of(step("0s", false), step("2m", true)));
        assertEquals(false, value(s, "1m"));
        assertEquals(true, value(s, "2m"));
    }

    @Test
    void aFaultStepGivesAFaultReadingWithItsText() throws Exception {
        Sensor s = open(List.of(step("0s", 21), Map.of("at", "1m", "fault", "probe unplugged"), step("2m", 22)),
                "ramp", true);
        assertEquals(21.0, (Double) value(s, "30s"), 1e-9, "no ramp towards a fault");
        Reading r = at(s, "90s");
        assertEquals(Quality.FAULT, r.quality());
        assertNull(r.value());
        assertEquals("probe unplugged", r.problem());
        assertEquals(Quality.GOOD, at(s, "2m").quality());
    }

    @Test
    void beforeTheFirstStepTheFirstValueHolds() throws Exception {
        Sensor s = open(List.of(step("1m", 5), step("2m", 9)), "ramp", true);
        assertEquals(5.0, value(s, "0s"));
    }

    @Test
    void reportsMixedAndBadSteps() {
        parse(List.of("sensors[0].values: mixes numbers and true/false; a channel carries one or the other"),
                List.of(step("0s", 21), step("1m", true)));
        parse(List.of("sensors[0].values[1].at: steps must be in time order; 30s comes after 1m"),
                List.of(step("1m", 1), step("30s", 2)));
        parse(List.of("sensors[0].values[0].value: missing: a number, true/false, or give fault: TEXT instead"),
                List.of(Map.of("at", "0s")));
        parse(List.of("sensors[0].values: must list at least one step"), List.of());
    }
}
