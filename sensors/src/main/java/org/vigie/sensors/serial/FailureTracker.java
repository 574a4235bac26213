package org.vigie.sensors.serial;

import org.slf4j.Logger;

/**
 * Consecutive failures of one device (or one register block): counted, logged once per burst,
 * and turned into {@code fault} only after {@code threshold} in a row, so that one garbled frame
 * on a noisy RS-485 bus does not raise an alarm, while a device that keeps failing does. A lost
 * port is a fault at once.
 */
public final class FailureTracker {

    private final String context;
    private final int threshold;
    private final Logger log;
    private int consecutive;
    private long total;

    /**
     * @param context   what fails, outermost first, like {@code meter-1 /dev/ttyUSB0 unit 1}
     * @param threshold consecutive failures before the channels turn {@code fault} (at least 1)
     */
    public FailureTracker(String context, int threshold, Logger log) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold: must be at least 1, was " + threshold);
        }
        this.context = context;
        this.threshold = threshold;
        this.log = log;
    }

    /**
     * Records a failure.
     *
     * @param problem   what went wrong, without the context
     * @param immediate the port is lost: fault now, whatever the count
     * @return whether the channels must be reported {@code fault} now
     */
    public boolean failed(String problem, boolean immediate) {
        consecutive++;
        total++;
        boolean fault = immediate || consecutive >= threshold;
        if (consecutive == 1 && !fault) {
            log.warn("{}: {} (fault after {} in a row)", context, problem, threshold);
        } else if (consecutive == 1 || (consecutive == threshold && !immediate)) {
            log.warn("{}: {} ({} in a row: channels fault)", context, problem, consecutive);
        } else if (log.isDebugEnabled()) {
            log.debug("{}: {} ({} in a row)", context, problem, consecutive);
        }
        return fault;
    }

    /** Records a good exchange, closing any burst. */
    public void succeeded() {
        if (consecutive > 0) {
            log.info("{}: answering again after {} failure(s)", context, consecutive);
        }
        consecutive = 0;
    }

    /** Failures in a row now. */
    public int consecutive() {
        return consecutive;
    }

    /** Failures since the sensor was opened. */
    public long total() {
        return total;
    }
}
