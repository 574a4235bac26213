package org.vigie.sensors.modem;

import java.io.IOException;

/** The modem answered a command with {@code ERROR}, {@code +CME ERROR: n} or {@code +CMS ERROR: n}. */
public final class AtException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String result;

    AtException(String command, String result) {
        super(command + ": " + result);
        this.result = result;
    }

    /** The final result line, like {@code +CMS ERROR: 500}. */
    public String result() {
        return result;
    }
}
