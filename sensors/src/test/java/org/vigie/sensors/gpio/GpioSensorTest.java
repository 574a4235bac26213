package org.vigie.sensors.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/** The gpio driver's configuration and failure paths, on a fake board and on this GPIO-less machine. */
class GpioSensorTest {

    private static final SensorBase BASE =
            new SensorBase("leak", "gpio", "leak", null, Duration.ofSeconds(1), Duration.ofSeconds(3));
    private static final Instant T0 = Instant.parse("2026-11-28T23:00:00Z");

    @TempDir
    Path tmp;

    private static GpioSensorType.Spec spec(Map<String, Object> keys) {
        MapSettings settings = new MapSettings(keys);
        GpioSensorType.Spec spec = new GpioSensorType().parse(BASE, settings);
        assertEquals(List.of(), settings.problems());
        return spec;
    }

    private static List<String> problems(Map<String, Object> keys) {
        MapSettings settings = new MapSettings(keys);
        new GpioSensorType().parse(BASE, settings);
        assertEquals(java.util.Set.of(), settings.unused(), "every key is read");
        return settings.problems();
    }

    @Test
    void defaultsArePullUpActiveLowDebounce100ms() {
        GpioSensorType.Spec s = spec(Map.of("pin", 17));
        assertEquals(17, s.pin());
        assertEquals(GpioSensorType.Pull.UP, s.pull());
        assertFalse(s.activeHigh());
        assertEquals(Duration.ofMillis(100), s.debounce());
        assertNull(s.supervision());
        assertEquals("leak", s.channels().get(0).address());
    }

    @Test
    void supervisionTakesItsOwnActiveLevelAndThePinsPull() {
        GpioSensorType.Spec s = spec(Map.of("pin", 17, "pull", "down", "supervision_pin", 27,
                "supervision_active", "high"));
        assertEquals(new GpioSensorType.Supervision(27, GpioSensorType.Pull.DOWN, true), s.supervision());
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertEquals(List.of("sensors[0].pin: missing: the BCM number of the input, 0 to 27"), problems(Map.of()));
        assertEquals(List.of("sensors[0].pull: must be one of [up, down, off], was sideways"),
                problems(Map.of("pin", 4, "pull", "sideways")));
        assertEquals(List.of("sensors[0].active: must be one of [high, low], was wet"),
                problems(Map.of("pin", 4, "active", "wet")));
        assertEquals(List.of("sensors[0].pin: must be between 0 and 27, was 40"), problems(Map.of("pin", 40)));
        assertEquals(List.of("sensors[0].debounce: must be at most 60s, was 2m"),
                problems(Map.of("pin", 4, "debounce", "2m")));
        assertEquals(List.of("sensors[0].supervision_pin: must differ from pin, was 4"),
                problems(Map.of("pin", 4, "supervision_pin", 4)));
        assertEquals(List.of("sensors[0].supervision_active: only meaningful with supervision_pin, which is missing"),
                problems(Map.of("pin", 4, "supervision_active", "low")));
    }

    @Test
    void withoutGpioOpenDoesNotThrowAndReadsFault() throws Exception {
        HardwareBoard none = new HardwareBoard(tmp);
        var sensor = new GpioSensorType(() -> none).open(spec(Map.of("pin", 17)),
                new SensorContext(Clock.systemUTC(), tmp));
        Reading r = sensor.read(T0).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().startsWith("no GPIO on this machine: no " + tmp + "/gpiochip* device"), r.problem());
        sensor.close();
    }

    @Test
    void theDefaultTypeOnThisMachineReportsNoGpio() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new HardwareBoard(Path.of("/dev")).missingGpio() != null,
                "optional: this machine has GPIO");
        var sensor = new GpioSensorType().open(spec(Map.of("pin", 17)), new SensorContext(Clock.systemUTC(), tmp));
        Reading r = sensor.read(T0).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().startsWith("no GPIO on this machine"), r.problem());
        sensor.close();
    }

    @Test
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void aGpiochipPi4jCannotDriveIsAFaultNamingBothProviders() throws Exception {
        Files.createFile(tmp.resolve("gpiochip0"));
        HardwareBoard board = new HardwareBoard(tmp);
        var sensor = new GpioSensorType(() -> board).open(spec(Map.of("pin", 17)),
                new SensorContext(Clock.systemUTC(), tmp));
        Reading r = sensor.read(T0).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().contains("gpiod-digital-input: ") && r.problem().contains("; pigpio-digital-input: "),
                r.problem());
        sensor.close();
    }

    @Test
    void aPinThatCannotBeClaimedIsRetriedLater() {
        FakeBoard board = new FakeBoard();
        board.refuse = "BCM 17: Device or resource busy";
        MutableClock clock = new MutableClock(T0);
        GpioSensor sensor = new GpioSensor(spec(Map.of("pin", 17)), board, clock, System::nanoTime);
        sensor.connect();
        assertEquals("BCM 17: Device or resource busy", sensor.read(T0).get(0).problem());

        board.refuse = null;
        board.pin(17).high = true;
        assertEquals(Quality.FAULT, sensor.read(T0.plusSeconds(1)).get(0).quality(), "not retried at once");
        Reading later = sensor.read(T0.plus(GpioSensor.RETRY)).get(0);
        assertEquals(Quality.GOOD, later.quality(), later::toString);
        assertEquals(false, later.value(), "high with active low: dry");
        sensor.close();
        assertFalse(board.pin(17).open, "closed with the sensor");
    }

    @Test
    void aPinThatStopsAnsweringIsAFaultAndRecovers() throws Exception {
        FakeBoard board = new FakeBoard();
        GpioSensor sensor = new GpioSensor(spec(Map.of("pin", 17, "active", "high", "debounce", "10ms")), board,
                Clock.systemUTC(), System::nanoTime);
        sensor.connect();
        board.pin(17).broken = "BCM 17: line released by the kernel";
        Reading r = sensor.read(T0).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertEquals("BCM 17: line released by the kernel", r.problem());

        board.pin(17).broken = null;
        assertEquals(Quality.GOOD, sensor.read(T0).get(0).quality());
        sensor.close();
    }

    @Test
    void aMissedEdgeOnAFakePinCountsAfterTheWindow() throws Exception {
        FakeBoard board = new FakeBoard();
        LinkedBlockingQueue<Reading> pushed = new LinkedBlockingQueue<>();
        GpioSensor sensor = new GpioSensor(spec(Map.of("pin", 17, "active", "high", "debounce", "20ms")), board,
                Clock.systemUTC(), System::nanoTime);
        sensor.connect();
        sensor.start(pushed::add);

        board.pin(17).setQuietly(true);
        assertEquals(false, sensor.read(T0).get(0).value(), "not yet: the level must hold for the window");
        Reading r = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals(true, r.value());
        sensor.close();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
