package org.vigie.sensors.gpio;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;

/**
 * A running {@code gpio} sensor: the input pin and, when configured, its supervision pin, each
 * debounced. A new stable level is pushed to the sink at once; {@link #read} also reads the pins,
 * which catches edges the provider missed. Pins that cannot be claimed give {@code fault}
 * readings, and are tried again every {@link #RETRY}.
 *
 * <p>Locks: this sensor, then an input; inputs call back without holding their own lock.
 */
final class GpioSensor implements Sensor {

    private static final Logger LOG = LoggerFactory.getLogger(GpioSensor.class);
    static final Duration RETRY = Duration.ofSeconds(30);

    private final GpioSensorType.Spec spec;
    private final Board board;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private volatile Consumer<Reading> sink;
    private DebouncedInput main;
    private DebouncedInput supervision;
    private String problem = "not opened yet";
    private Instant nextAttempt = Instant.MIN;

    GpioSensor(GpioSensorType.Spec spec, Board board, Clock clock, LongSupplier nanoTime) {
        this.spec = spec;
        this.board = board;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigie-gpio-" + spec.id());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return spec.id();
    }

    /** Claims the pins; on failure logs one line (only when the reason changes) and goes on. */
    synchronized void connect() {
        try {
            main = input(spec.pin(), spec.pull(), "vigie-" + spec.id());
            GpioSensorType.Supervision sup = spec.supervision();
            if (sup != null) {
                supervision = input(sup.pin(), sup.pull(), "vigie-" + spec.id() + "-supervision");
            }
        } catch (IOException e) {
            closeInputs();
            if (!e.getMessage().equals(problem)) {
                LOG.warn("gpio sensor {}: {}; its channel reports fault", spec.id(), e.getMessage());
            }
            problem = e.getMessage();
            nextAttempt = clock.instant().plus(RETRY);
            return;
        }
        problem = null;
        LOG.info("gpio sensor {}: BCM {} via Pi4J provider {}, pull {}, active {}, debounce {} ms{}",
                spec.id(), spec.pin(), main.provider(), spec.pull().wire(), spec.activeHigh() ? "high" : "low",
                spec.debounce().toMillis(), supervision == null ? ""
                        : ", supervision BCM " + supervision.bcm() + " active "
                                + (spec.supervision().activeHigh() ? "high" : "low"));
    }

    private DebouncedInput input(int bcm, GpioSensorType.Pull pull, String owner) throws IOException {
        Board.Pin pin = board.input(owner, bcm, pull);
        try {
            return new DebouncedInput(pin, bcm, spec.debounce().toNanos(), timer, nanoTime, this::changed);
        } catch (IOException e) {
            pin.close();
            throw e;
        }
    }

    @Override
    public void start(Consumer<Reading> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized List<Reading> read(Instant now) {
        if (main == null && !now.isBefore(nextAttempt)) {
            connect();
        }
        if (main != null) {
            main.poll();
            if (supervision != null) {
                supervision.poll();
            }
        }
        return List.of(current(now));
    }

    /** The channel's reading from the debounced levels. */
    synchronized Reading current(Instant now) {
        if (main == null) {
            return Reading.fault(spec.id(), now, problem);
        }
        IOException failed = main.problem();
        if (failed != null) {
            return Reading.fault(spec.id(), now, failed.getMessage());
        }
        boolean active = main.stableHigh() == spec.activeHigh();
        // An active input is reported even with a supervision fault: water seen must never be
        // masked by a cable fault (some controllers raise both when the rope is flooded).
        if (supervision != null && !active) {
            IOException supFailed = supervision.problem();
            if (supFailed != null) {
                return Reading.fault(spec.id(), now, "supervision pin: " + supFailed.getMessage());
            }
            if (supervision.stableHigh() == spec.supervision().activeHigh()) {
                return Reading.fault(spec.id(), now,
                        "leak rope cable fault (supervision pin " + supervision.bcm() + " active)");
            }
        }
        return Reading.flag(spec.id(), active, now);
    }

    /** A debounced level changed (timer thread): push the new reading. */
    private void changed(DebouncedInput input) {
        Consumer<Reading> to = sink;
        if (to == null) {
            return;
        }
        Reading reading = current(clock.instant());
        try {
            to.accept(reading);
        } catch (RuntimeException e) {
            LOG.warn("gpio sensor {}: delivering {} failed: {}", spec.id(), reading, e.toString());
        }
    }

    private void closeInputs() {
        if (main != null) {
            main.close();
            main = null;
        }
        if (supervision != null) {
            supervision.close();
            supervision = null;
        }
    }

    @Override
    public synchronized void close() {
        closeInputs();
        problem = "closed";
        nextAttempt = Instant.MAX;
        timer.shutdownNow();
    }
}
