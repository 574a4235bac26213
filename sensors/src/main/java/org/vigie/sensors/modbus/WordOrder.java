package org.vigie.sensors.modbus;

import java.util.Locale;

/**
 * Which register of a 32-bit value comes first: {@code big} (high word first, the Modbus
 * convention and Eastron's) or {@code little} (low word first, some PLCs and meters). Bytes
 * inside a register are always big-endian.
 */
enum WordOrder {
    BIG, LITTLE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
