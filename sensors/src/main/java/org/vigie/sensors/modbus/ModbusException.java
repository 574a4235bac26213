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

    ModbusException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
