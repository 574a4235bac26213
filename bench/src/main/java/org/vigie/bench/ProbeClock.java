package org.vigie.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, noting (once armed) {@code System.nanoTime()} at the first time the agent's
 * engine thread asks for the time: the engine reads the clock as soon as it takes a reading off its
 * queue, so this marks the end of the hand-over. Approximate: the engine also reads the clock at
 * its 100 ms tick, which can come first.
 */
final class ProbeClock extends Clock {
    private static final String ENGINE_THREAD = "vigie-engine";

    private volatile boolean armed;
    private volatile long seen;

    /** Starts watching for the engine's next call. */
    void arm() {
        seen = 0;
        armed = true;
    }

    /** When the engine first read the clock after {@link #arm}, or 0. */
    long seen() {
        return seen;
    }

    @Override
    public Instant instant() {
        if (armed && Thread.currentThread().getName().equals(ENGINE_THREAD)) {
            seen = System.nanoTime();
            armed = false;
        }
        return Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }
}
