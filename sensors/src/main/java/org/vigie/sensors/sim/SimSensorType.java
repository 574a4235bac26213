package org.vigie.sensors.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;

/**
 * {@code type: sim}: values scripted over time, for the demo, rehearsals and tests.
 *
 * <pre>
 * values: [{at: 0s, value: 21.0}, {at: 2m, value: 30.0}, {at: 5m, fault: "probe unplugged"}]
 * ramp: true      # numbers move linearly between steps instead of jumping
 * repeat: false   # true: start over after the last step
 * </pre>
 */
public final class SimSensorType implements SensorType<SimSensorType.Spec> {

    /** One scripted step: from {@code at} on, the value is {@code value}, or a fault when {@code fault} is set. */
    public record Step(Duration at, Object value, String fault) {
    }

    /** A validated {@code sim} sensor. */
    public record Spec(SensorBase base, List<Step> steps, boolean repeat, boolean ramp, ValueType valueType)
            implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            return List.of(new ChannelSpec(base.id(), valueType, base.unit(), base.kind()));
        }
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        List<Step> steps = new ArrayList<>();
        boolean sawNumber = false;
        boolean sawBoolean = false;
        List<Settings> items = settings.objects("values").orElse(List.of());
        if (!settings.has("values")) {
            settings.problem("values", "missing: a sim sensor needs a list of {at, value} steps");
        } else if (items.isEmpty()) {
            settings.problem("values", "must list at least one step");
        }
        Duration previous = null;
        for (Settings item : items) {
            Duration at = item.has("at") ? item.delay("at").orElse(null) : null;
            if (!item.has("at")) {
                item.problem("at", "missing: when this step starts, like 0s or 2m");
            }
            if (at != null && previous != null && at.compareTo(previous) < 0) {
                item.problem("at", "steps must be in time order; " + text(at) + " comes after " + text(previous));
            }
            if (at != null) {
                previous = at;
            }
            String fault = item.string("fault").orElse(null);
            Object value = item.scalar("value").orElse(null);
            if (fault == null && value == null) {
                item.problem("value", "missing: a number, true/false, or give fault: TEXT instead");
            } else if (fault != null && value != null) {
                item.problem("value", "give either value or fault, not both");
            } else if (value instanceof Number n) {
                value = n.doubleValue();
                sawNumber = true;
            } else if (value instanceof Boolean) {
                sawBoolean = true;
            } else if (value != null) {
                item.problem("value", "must be a number or true/false, was " + value);
                value = null;
            }
            steps.add(new Step(at == null ? Duration.ZERO : at, value, fault));
        }
        if (sawNumber && sawBoolean) {
            settings.problem("values", "mixes numbers and true/false; a channel carries one or the other");
        }
        boolean repeat = settings.bool("repeat").orElse(false);
        boolean ramp = settings.bool("ramp").orElse(false);
        return new Spec(base, List.copyOf(steps), repeat, ramp, sawBoolean ? ValueType.BOOLEAN : ValueType.NUMBER);
    }

    /** A duration as the configuration writes it: {@code 90s}, {@code 250ms}. */
    private static String text(Duration d) {
        long ms = d.toMillis();
        if (ms > 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms > 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) {
        return new SimSensor(spec, context.clock().instant());
    }
}
