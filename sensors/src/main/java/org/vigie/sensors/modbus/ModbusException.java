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
}
