package org.vigie.sensors;

/** What a channel carries. */
public enum ValueType {
    /** A measured quantity: temperature, voltage, runtime. */
    NUMBER,
    /** A state: water present, on battery, door open. {@code true} means active. */
    BOOLEAN
}
