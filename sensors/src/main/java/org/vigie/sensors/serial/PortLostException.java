package org.vigie.sensors.serial;

import java.io.IOException;

/**
 * The serial port is absent, vanished or failed: every channel read through it is a fault at once,
 * without waiting for consecutive failures. The link reopens it by itself, with backoff.
 */
public final class PortLostException extends IOException {
    private static final long serialVersionUID = 1L;

    public PortLostException(String message) {
        super(message);
    }

    public PortLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
