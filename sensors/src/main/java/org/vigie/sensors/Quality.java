package org.vigie.sensors;

/** How far a reading can be trusted. */
public enum Quality {
    /** A fresh value from a device that answered correctly. */
    GOOD,
    /** No fresh reading for longer than the channel's {@code stale_after}. */
    STALE,
    /** The device answered wrongly, a cable break was detected, the port vanished. */
    FAULT;

    /** The name used in configuration and on the wire: {@code good}, {@code stale}, {@code fault}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
