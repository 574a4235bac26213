package org.vigie.agent.run;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorTypes;

/**
 * Reads one sensor every {@code interval} on the shared read pool, never twice at once. A sensor
 * that cannot be opened or read gives {@code fault} readings and is tried again at the next
 * interval; it never stops the others. Problems are logged once when they start and once when
 * they end, not at every poll.
 */
final class SensorPoller {
    private static final Logger log = LoggerFactory.getLogger(SensorPoller.class);

    private final SensorSpec spec;
    private final SensorContext context;
    private final Consumer<Reading> sink;
    private final ExecutorService readers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Sensor sensor;
    private volatile String problem;
    private volatile boolean closed;
    /** Where the device's identity goes when it changes ({@link SensorInfo}). */
    private volatile Consumer<Object> infoSink = o -> { };
    private Map<String, String> lastInfo = Map.of();

    SensorPoller(SensorSpec spec, SensorContext context, ExecutorService readers, Consumer<Reading> sink) {
        this.spec = spec;
        this.context = context;
        this.readers = readers;
        this.sink = sink;
    }

    SensorSpec spec() {
        return spec;
    }

    /**
     * Reads every {@code interval}, the first time after {@code offset} of it (in [0, 1)): sensors
     * spread over the interval instead of all falling due at the same instant.
     */
    void schedule(ScheduledExecutorService timer, double offset) {
        long ms = spec.base().interval().toMillis();
        timer.scheduleWithFixedDelay(this::dispatch, (long) (ms * offset), ms, TimeUnit.MILLISECONDS);
    }

    /** Reads now (off schedule), unless a read is already running: a trap or an edge asks for it. */
    void dispatch() {
        if (closed || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            readers.execute(() -> {
                try {
                    readOnce();
                } finally {
                    busy.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            busy.set(false);
            if (!closed && !"saturated".equals(problem)) {
                log.warn("sensor {}: read skipped, every reader is busy (slow devices?); will retry", spec.id());
            }
        }
    }

    private void readOnce() {
        Clock clock = context.clock();
        Instant now = clock.instant();
        try {
            if (sensor == null) {
                sensor = SensorTypes.byName(spec.base().type()).orElseThrow().openUnchecked(spec, context);
                sensor.start(sink);
            }
            List<Reading> readings = sensor.read(now);
            recovered();
            readings.forEach(sink);
            identity(sensor.info());
        } catch (IOException | RuntimeException e) {
            failed(Errors.describe(e), now);
        }
    }

    private void failed(String why, Instant now) {
        if (!why.equals(problem)) {
            log.warn("sensor {}: {}", spec.id(), why);
            problem = why;
        }
        for (ChannelSpec c : spec.channels()) {
            sink.accept(Reading.fault(c.address(), now, why));
        }
    }

    private void recovered() {
        if (problem != null) {
            log.info("sensor {}: reading again", spec.id());
            problem = null;
        }
    }

    /** Sends the sensor's identity on when it is new or changed. */
    private void identity(Map<String, String> info) {
        if (info != null && !info.isEmpty() && !info.equals(lastInfo)) {
            lastInfo = Map.copyOf(info);
            infoSink.accept(new SensorInfo(spec.id(), spec.base().type(), info));
        }
    }

    /** Where identities go (the agent's engine); set before scheduling. */
    void onInfo(Consumer<Object> sink) {
        this.infoSink = sink;
    }

    void close() {
        closed = true;
        Sensor s = sensor;
        if (s != null) {
            s.close();
        }
    }

    static List<SensorPoller> all(List<SensorSpec> specs, SensorContext ctx, ExecutorService readers,
                                  Consumer<Reading> sink) {
        List<SensorPoller> out = new ArrayList<>();
        specs.forEach(s -> out.add(new SensorPoller(s, ctx, readers, sink)));
        return out;
    }
}
