package org.vigie.sensors.gpio;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;

/**
 * {@code type: gpio}: a digital input (spot leak sensor, leak rope controller, dry contact,
 * mains-present opto) through Pi4J, debounced by vigie, event-driven with a slow poll behind.
 * See this package's README.
 */
public final class GpioSensorType implements SensorType<GpioSensorType.Spec> {

    /** Highest BCM number on the 40-pin header. */
    static final int MAX_BCM = 27;
    static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(100);
    static final Duration MAX_DEBOUNCE = Duration.ofSeconds(60);

    /** The pin's internal bias resistor. */
    public enum Pull {
        UP, DOWN, OFF;

        static final Set<String> NAMES = ordered("up", "down", "off");

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A supervision ("cable fault") input: while active, the sensor's channel is {@code fault}. */
    public record Supervision(int pin, Pull pull, boolean activeHigh) {
    }

    /** A validated {@code gpio} sensor; {@code supervision} is {@code null} when not configured. */
    public record Spec(SensorBase base, int pin, Pull pull, boolean activeHigh, Duration debounce,
                       Supervision supervision) implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            return List.of(new ChannelSpec(base.id(), ValueType.BOOLEAN, null, base.kind()));
        }
    }

    private static final Set<String> LEVELS = ordered("high", "low");

    private final Supplier<Board> board;

    /** The type on this machine's own GPIO (GpioD, then pigpio). */
    public GpioSensorType() {
        this(() -> HardwareBoard.SHARED);
    }

    GpioSensorType(Supplier<Board> board) {
        this.board = board;
    }

    /**
     * The type on a given Pi4J context, such as one built on the mock platform for tests and the
     * demo. The context stays the caller's: sensors release their own inputs, never the context.
     */
    public static GpioSensorType withPi4j(Context context) {
        Objects.requireNonNull(context, "context");
        Board onContext = new Pi4jBoard(context, null);
        return new GpioSensorType(() -> onContext);
    }

    @Override
    public String name() {
        return "gpio";
    }

    /** Edges are pushed at once; the slow read catches a missed edge within a second. */
    @Override
    public java.time.Duration defaultInterval() {
        return java.time.Duration.ofSeconds(1);
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        if (!settings.has("pin")) {
            settings.problem("pin", "missing: the BCM number of the input, 0 to " + MAX_BCM);
        }
        int pin = (int) settings.integer("pin", 0, MAX_BCM).orElse(-1);
        Pull pull = pull(settings, "pull", Pull.UP);
        boolean activeHigh = activeHigh(settings, "active");
        Duration debounce = settings.duration("debounce").orElse(DEFAULT_DEBOUNCE);
        if (debounce.compareTo(MAX_DEBOUNCE) > 0) {
            settings.problem("debounce", "must be at most 60s, was " + settings.string("debounce").orElse(""));
            debounce = DEFAULT_DEBOUNCE;
        }
        Supervision supervision = null;
        if (settings.has("supervision_pin")) {
            int sp = (int) settings.integer("supervision_pin", 0, MAX_BCM).orElse(-1);
            if (sp >= 0 && sp == pin) {
                settings.problem("supervision_pin", "must differ from pin, was " + sp);
            }
            supervision = new Supervision(sp, pull(settings, "supervision_pull", pull),
                    activeHigh(settings, "supervision_active"));
        } else {
            for (String key : List.of("supervision_active", "supervision_pull")) {
                if (settings.has(key)) {
                    settings.problem(key, "only meaningful with supervision_pin, which is missing");
                }
            }
        }
        return new Spec(base, pin, pull, activeHigh, debounce, supervision);
    }

    private static Pull pull(Settings settings, String key, Pull fallback) {
        return settings.choice(key, Pull.NAMES)
                .map(s -> Pull.valueOf(s.toUpperCase(Locale.ROOT)))
                .orElse(fallback);
    }

    /** {@code active: high|low}, default low (a contact closing to ground against the pull-up). */
    private static boolean activeHigh(Settings settings, String key) {
        return settings.choice(key, LEVELS).map("high"::equals).orElse(false);
    }

    /** A set that lists its names in the order given, so problems read {@code [up, down, off]}. */
    private static Set<String> ordered(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) {
        GpioSensor sensor = new GpioSensor(spec, board.get(), context.clock(), System::nanoTime);
        sensor.connect();
        return sensor;
    }
}
