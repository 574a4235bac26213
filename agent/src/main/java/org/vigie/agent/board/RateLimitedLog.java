package org.vigie.agent.board;

import org.slf4j.Logger;

/** At most one line per period for a recurring fault (junk on the broker), with how many were not logged. */
final class RateLimitedLog {
    private final Logger log;
    private final long periodNanos;
    private long last = System.nanoTime() - Long.MAX_VALUE / 2;
    private long suppressed;

    RateLimitedLog(Logger log, java.time.Duration period) {
        this.log = log;
        this.periodNanos = period.toNanos();
    }

    /** Logs {@code line} unless one was logged within the period. */
    void warn(String line) {
        long now = System.nanoTime();
        if (now - last < periodNanos) {
            suppressed++;
            return;
        }
        last = now;
        if (suppressed > 0) {
            log.warn("{} ({} more refused since the last such line)", line, suppressed);
            suppressed = 0;
        } else {
            log.warn("{}", line);
        }
    }
}
