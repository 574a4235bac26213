package org.vigie.sensors.modbus;

import java.io.IOException;

/**
 * A Modbus exchange that failed without the port being lost: no answer, a short or garbled frame,
 * a CRC mismatch, an answer from another unit, or an exception response.
 */
final class ModbusException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Whether trying again may help: not for an exception response, which the device means. */
    private final boolean retryable;
    /** Nothing at all came back: the device is off the bus, or another unit id. */
    private final boolean silent;

    ModbusException(String message, boolean retryable) {
        this(message, retryable, false);
    }

    ModbusException(String message, boolean retryable, boolean silent) {
        super(message);
        this.retryable = retryable;
        this.silent = silent;
    }

    boolean silent() {
        return silent;
    }

    boolean retryable() {
        return retryable;
    }

    /** One try of a read. */
    @FunctionalInterface
    interface Attempt {
        int[] run() throws IOException;
    }

    /**
     * Runs {@code attempt} up to {@code retries} more times while it fails in a way trying again
     * may mend (never after an exception response, which the device means).
     *
     * @throws ModbusException the last try's failure, prefixed with the request
     */
    static int[] withRetries(int retries, int function, int address, int count, Attempt attempt) throws IOException {
        ModbusException last = null;
        for (int i = 0; i <= retries; i++) {
            try {
                return attempt.run();
            } catch (ModbusException e) {
                last = e;
                if (!e.retryable()) {
                    break;
                }
            }
        }
        String tries = retries > 0 && last.retryable() ? " (" + (retries + 1) + " tries)" : "";
        throw new ModbusException(String.format("read %s 0x%04X+%d: %s%s", function == 3 ? "holding" : "input",
                address, count, last.getMessage(), tries), last.retryable(), last.silent());
    }
}
