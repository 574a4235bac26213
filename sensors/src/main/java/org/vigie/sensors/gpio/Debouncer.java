package org.vigie.sensors.gpio;

/**
 * The debounce rule, without threads or clocks: a new level counts only once no edge has been seen
 * for the whole window. Every edge restarts the window; when it ends, the level read then is the
 * stable one. Not thread-safe: its owner locks.
 */
final class Debouncer {

    private final long windowNanos;
    private boolean stable;
    private boolean pending;
    private long lastEdge;

    /** @param initial the level taken as stable at start, before any edge */
    Debouncer(long windowNanos, boolean initial) {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("windowNanos must be >= 0, was " + windowNanos);
        }
        this.windowNanos = windowNanos;
        this.stable = initial;
    }

    /** The last level that held for the whole window. */
    boolean stable() {
        return stable;
    }

    /** Whether an edge is waiting for its window to end. */
    boolean pending() {
        return pending;
    }

    /** An edge was seen at {@code now}: the window starts again. */
    void edge(long now) {
        lastEdge = now;
        pending = true;
    }

    /** Nanoseconds until the window ends; 0 when it has ended or no edge is pending. */
    long quietIn(long now) {
        if (!pending) {
            return 0;
        }
        return Math.max(0, lastEdge + windowNanos - now);
    }

    /** Drops a pending edge without taking a level (the pin could not be read). */
    void abandon() {
        pending = false;
    }

    /**
     * Takes {@code level}, read at {@code now}, as the new stable level if the window has ended.
     *
     * @return whether the stable level changed
     */
    boolean settle(long now, boolean level) {
        if (!pending || quietIn(now) > 0) {
            return false;
        }
        pending = false;
        if (level == stable) {
            return false;
        }
        stable = level;
        return true;
    }
}
