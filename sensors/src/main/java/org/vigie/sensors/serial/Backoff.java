package org.vigie.sensors.serial;

/** Delays between reopen attempts: 1 s, doubling up to 30 s, back to 1 s after a success. */
final class Backoff {

    static final long FIRST_NANOS = 1_000_000_000L;
    static final long MAX_NANOS = 30_000_000_000L;

    private long delay = FIRST_NANOS;
    private long notBefore = Long.MIN_VALUE;
    private boolean armed;

    /** Whether an attempt may be made at {@code now}. */
    boolean ready(long now) {
        return !armed || now - notBefore >= 0;
    }

    /** Nanoseconds until the next attempt is allowed (0 when ready). */
    long remaining(long now) {
        return ready(now) ? 0 : notBefore - now;
    }

    /** Records a failed attempt at {@code now}: the next waits the current delay, which then doubles. */
    void failed(long now) {
        notBefore = now + delay;
        armed = true;
        delay = Math.min(delay * 2, MAX_NANOS);
    }

    void succeeded() {
        delay = FIRST_NANOS;
        armed = false;
    }
}
