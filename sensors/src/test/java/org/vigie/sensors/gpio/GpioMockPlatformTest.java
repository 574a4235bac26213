package org.vigie.sensors.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/** The gpio driver end to end on Pi4J's mock platform: mock input state changes, real timing. */
class GpioMockPlatformTest {

    private Context pi4j;
    private Sensor sensor;
    private final LinkedBlockingQueue<Reading> pushed = new LinkedBlockingQueue<>();

    @BeforeEach
    void mockPlatform() {
        pi4j = Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
    }

    @AfterEach
    void shutdown() {
        if (sensor != null) {
            sensor.close();
        }
        pi4j.shutdown();
    }

    private Sensor open(GpioSensorType type, Map<String, Object> keys) {
        MapSettings settings = new MapSettings(new HashMap<>(keys));
        SensorBase base = new SensorBase("leak", "gpio", "leak", null, Duration.ofSeconds(1), Duration.ofSeconds(3));
        GpioSensorType.Spec spec = type.parse(base, settings);
        assertEquals(List.of(), settings.problems());
        sensor = type.open(spec, new SensorContext(Clock.systemUTC(), Path.of("target")));
        sensor.start(pushed::add);
        return sensor;
    }

    private MockDigitalInput mock(String id) {
        return pi4j.io(id, MockDigitalInput.class);
    }

    private boolean value(Reading r) {
        assertEquals(Quality.GOOD, r.quality(), () -> "expected good, was " + r);
        return (Boolean) r.value();
    }

    @Test
    void anEdgeIsPushedOnceStableForTheDebounce() throws Exception {
        open(GpioSensorType.withPi4j(pi4j), Map.of("pin", 17, "active", "high", "debounce", "50ms"));
        MockDigitalInput in = mock("vigie-leak");
        assertEquals(false, value(sensor.read(java.time.Instant.now()).get(0)));

        long t0 = System.nanoTime();
        in.mockState(DigitalState.HIGH);
        Reading r = pushed.poll(5, TimeUnit.SECONDS);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        assertNotNull(r, "no reading pushed after the edge");
        assertEquals(true, value(r));
        assertEquals("leak", r.channel());
        assertTrue(elapsedMs >= 50, "pushed before the debounce ended: " + elapsedMs + " ms");
        assertNull(pushed.poll(200, TimeUnit.MILLISECONDS), "one edge, one reading");
    }

    @Test
    void fiftyBouncesInsideTheWindowChangeNothing() throws Exception {
        open(GpioSensorType.withPi4j(pi4j), Map.of("pin", 17, "active", "high", "debounce", "1s"));
        MockDigitalInput in = mock("vigie-leak");
        for (int i = 0; i < 50; i++) {
            in.mockState(i % 2 == 0 ? DigitalState.HIGH : DigitalState.LOW);
        }
        assertEquals(false, value(sensor.read(java.time.Instant.now()).get(0)), "bouncing: still the old level");
        assertNull(pushed.poll(1500, TimeUnit.MILLISECONDS), "50 bounces back to dry must push nothing");
        assertEquals(false, value(sensor.read(java.time.Instant.now()).get(0)));
    }

    @Test
    void bouncesThatSettleOnTheNewLevelPushOneReading() throws Exception {
        open(GpioSensorType.withPi4j(pi4j), Map.of("pin", 17, "active", "high", "debounce", "500ms"));
        MockDigitalInput in = mock("vigie-leak");
        for (int i = 0; i < 50; i++) {
            in.mockState(i % 2 == 0 ? DigitalState.HIGH : DigitalState.LOW);
        }
        in.mockState(DigitalState.HIGH);
        Reading r = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals(true, value(r));
        assertNull(pushed.poll(700, TimeUnit.MILLISECONDS), "exactly one reading");
    }

    @Test
    void anActiveSupervisionPinIsAFaultOfTheLeakChannel() throws Exception {
        open(GpioSensorType.withPi4j(pi4j), Map.of("pin", 17, "active", "high", "debounce", "20ms",
                "supervision_pin", 27, "supervision_active", "high"));
        MockDigitalInput rope = mock("vigie-leak-supervision");

        rope.mockState(DigitalState.HIGH);
        Reading fault = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(fault);
        assertEquals(Quality.FAULT, fault.quality());
        assertEquals("leak rope cable fault (supervision pin 27 active)", fault.problem());
        assertEquals(Quality.FAULT, sensor.read(java.time.Instant.now()).get(0).quality());

        rope.mockState(DigitalState.LOW);
        Reading back = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(back);
        assertEquals(false, value(back));
    }

    @Test
    void waterSeenIsNotMaskedByACableFault() throws Exception {
        open(GpioSensorType.withPi4j(pi4j), Map.of("pin", 17, "active", "high", "debounce", "20ms",
                "supervision_pin", 27, "supervision_active", "high"));
        mock("vigie-leak-supervision").mockState(DigitalState.HIGH);
        assertEquals(Quality.FAULT, pushed.poll(5, TimeUnit.SECONDS).quality());

        mock("vigie-leak").mockState(DigitalState.HIGH);
        Reading wet = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(wet);
        assertEquals(true, value(wet), "the leak input is active: report water, not the cable fault");
    }

    @Test
    void anEdgeTheProviderMissedIsCaughtByTheSlowRead() throws Exception {
        LossyBoard lossy = new LossyBoard(new Pi4jBoard(pi4j, null));
        open(new GpioSensorType(() -> lossy), Map.of("pin", 17, "active", "high", "debounce", "30ms"));
        MockDigitalInput in = mock("vigie-leak");

        lossy.deaf = true;
        in.mockState(DigitalState.HIGH);
        assertNull(pushed.poll(200, TimeUnit.MILLISECONDS), "the edge was lost: nothing can be pushed yet");

        sensor.read(java.time.Instant.now());
        Reading r = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "the poll found the new level; it must count after the debounce");
        assertEquals(true, value(r));
        assertEquals(true, value(sensor.read(java.time.Instant.now()).get(0)));
    }

    /** A provider that loses edges while {@link #deaf}, like the GpioD listener races (pi4j-v2#455). */
    private static final class LossyBoard implements Board {
        private final Board inner;
        volatile boolean deaf;

        LossyBoard(Board inner) {
            this.inner = inner;
        }

        @Override
        public Pin input(String owner, int bcm, GpioSensorType.Pull pull) throws IOException {
            Pin pin = inner.input(owner, bcm, pull);
            return new Pin() {
                @Override
                public boolean high() throws IOException {
                    return pin.high();
                }

                @Override
                public void onEdge(Runnable onEdge) {
                    pin.onEdge(() -> {
                        if (!deaf) {
                            onEdge.run();
                        }
                    });
                }

                @Override
                public String provider() {
                    return pin.provider();
                }

                @Override
                public void close() {
                    pin.close();
                }
            };
        }
    }
}
