package org.vigie.sensors.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;

/** Plays its script against the time elapsed since it was opened. */
final class SimSensor implements Sensor {

    private final SimSensorType.Spec spec;
    private final Instant start;

    SimSensor(SimSensorType.Spec spec, Instant start) {
        this.spec = spec;
        this.start = start;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public List<Reading> read(Instant now) {
        return List.of(valueAt(Duration.between(start, now), now));
    }

    Reading valueAt(Duration elapsed, Instant now) {
        List<SimSensorType.Step> steps = spec.steps();
        long t = Math.max(0, elapsed.toNanos());
        long end = steps.get(steps.size() - 1).at().toNanos();
        if (spec.repeat() && end > 0) {
            t = t % end;
        }
        int i = 0;
        while (i + 1 < steps.size() && steps.get(i + 1).at().toNanos() <= t) {
            i++;
        }
        SimSensorType.Step step = steps.get(i);
        if (step.fault() != null) {
            return Reading.fault(spec.id(), now, step.fault());
        }
        if (step.value() instanceof Boolean b) {
            return Reading.flag(spec.id(), b, now);
        }
        double v = (Double) step.value();
        if (spec.ramp() && i + 1 < steps.size() && steps.get(i + 1).value() instanceof Double next
                && steps.get(i).at().toNanos() <= t) {
            long from = step.at().toNanos();
            long to = steps.get(i + 1).at().toNanos();
            if (to > from) {
                v = v + (next - v) * (double) (t - from) / (double) (to - from);
            }
        }
        return Reading.number(spec.id(), v, now);
    }
}
