package org.vigie.sensors.gpio;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One pin and its {@link Debouncer}: edges from the provider (or a poll that finds the level
 * changed behind the provider's back) start a window on {@code timer}; when the window ends quiet,
 * the pin is read and a change of stable level is reported to the {@link Listener}.
 */
final class DebouncedInput implements AutoCloseable {

    /** Hears about a new stable level, on the timer thread. */
    interface Listener {
        void changed(DebouncedInput input);
    }

    private final Board.Pin pin;
    private final int bcm;
    private final Debouncer debouncer;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final Listener listener;
    private ScheduledFuture<?> check;
    private IOException problem;
    private boolean closed;

    DebouncedInput(Board.Pin pin, int bcm, long windowNanos, ScheduledExecutorService timer, LongSupplier nanoTime,
                   Listener listener) throws IOException {
        this.pin = pin;
        this.bcm = bcm;
        this.timer = timer;
        this.nanoTime = nanoTime;
        this.listener = listener;
        this.debouncer = new Debouncer(windowNanos, pin.high());
        pin.onEdge(this::edge);
    }

    int bcm() {
        return bcm;
    }

    String provider() {
        return pin.provider();
    }

    /** The debounced level: {@code true} for high. */
    synchronized boolean stableHigh() {
        return debouncer.stable();
    }

    /** Why the last read of the pin failed, or {@code null}. */
    synchronized IOException problem() {
        return problem;
    }

    /** An edge from the provider. */
    synchronized void edge() {
        if (closed) {
            return;
        }
        debouncer.edge(nanoTime.getAsLong());
        schedule(debouncer.quietIn(nanoTime.getAsLong()));
    }

    /**
     * The slow poll: reads the pin, and when it differs from the stable level with no edge pending
     * (the provider missed it), treats it as an edge so it counts after the window.
     */
    synchronized void poll() {
        boolean level;
        try {
            level = pin.high();
            problem = null;
        } catch (IOException e) {
            problem = e;
            return;
        }
        if (level != debouncer.stable() && !debouncer.pending()) {
            edge();
        }
    }

    private void schedule(long delayNanos) {
        if (check == null || check.isDone()) {
            check = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        boolean changed;
        synchronized (this) {
            check = null;
            if (closed) {
                return;
            }
            long now = nanoTime.getAsLong();
            long wait = debouncer.quietIn(now);
            if (wait > 0) {
                schedule(wait);
                return;
            }
            try {
                changed = debouncer.settle(now, pin.high());
                problem = null;
            } catch (IOException e) {
                debouncer.abandon();
                problem = e;
                changed = true;
            }
        }
        if (changed) {
            listener.changed(this);
        }
    }

    /**
     * Stops the timer work, then releases the pin outside this lock: a provider may wait for its
     * listener thread, which may itself be waiting for this lock in {@link #edge()}.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (check != null) {
                check.cancel(false);
            }
        }
        pin.close();
    }
}
