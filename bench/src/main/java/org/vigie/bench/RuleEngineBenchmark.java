package org.vigie.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.vigie.agent.alarm.AlarmBook;
import org.vigie.agent.rules.RuleEngine;
import org.vigie.agent.rules.Verdict;
import org.vigie.sensors.Reading;

/**
 * Readings evaluated per second on one thread by the agent's hot path: {@code RuleEngine.onReading}
 * and {@code AlarmBook.apply} for each verdict, with the 100 rules over 100 channels of
 * {@link Workload}. Channels are read round-robin, 10 ms apart (each channel once a second), with
 * values that cross a threshold about once every 50 readings of a channel.
 *
 * <p>{@code resolution}: {@code milli} gives values as a {@code file} sensor with {@code scale:
 * 0.001} reads them (22.437); {@code whole} rounds them to whole degrees, which only changes how
 * the rules' messages format numbers, so the difference between the two is the cost of that
 * formatting.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RuleEngine -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEngineBenchmark {
    private static final int VALUES_PER_CHANNEL = 1024;
    private static final long STEP_MS = 10;

    @Param({"milli", "whole"})
    public String resolution;

    private final String[] channels = new String[Workload.CHANNELS];
    private final double[][] values = new double[Workload.CHANNELS][];
    private RuleEngine engine;
    private AlarmBook book;
    private Instant start;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < Workload.CHANNELS; i++) {
            channels[i] = Workload.channel(i);
            values[i] = Workload.values(i, VALUES_PER_CHANNEL, 42);
            for (int k = 0; k < VALUES_PER_CHANNEL; k++) {
                double v = values[i][k];
                values[i][k] = "whole".equals(resolution) ? Math.rint(v) : Math.round(v * 1000) * 0.001;
            }
        }
        engine = new RuleEngine(Workload.rules(), Workload.channels());
        book = new AlarmBook();
        start = Instant.parse("2026-01-01T00:00:00Z");
        n = 0;
    }

    /** One reading through the engine and the alarm book; returns the number of transitions. */
    @Benchmark
    public int onReading(Blackhole bh) {
        long k = n++;
        int ch = (int) (k % Workload.CHANNELS);
        int step = (int) ((k / Workload.CHANNELS) % VALUES_PER_CHANNEL);
        Instant now = start.plusMillis(k * STEP_MS);
        Reading r = Reading.number(channels[ch], values[ch][step], now);
        List<Verdict> verdicts = engine.onReading(r, now);
        int transitions = 0;
        for (Verdict v : verdicts) {
            var t = book.apply(v, now);
            if (t.isPresent()) {
                bh.consume(t.get());
                transitions++;
            }
        }
        return transitions;
    }
}
