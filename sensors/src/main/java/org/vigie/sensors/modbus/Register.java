package org.vigie.sensors.modbus;

/**
 * One value read from a device: published as channel {@code SENSOR.channel}, as
 * {@code raw × scale + offset}.
 *
 * @param channel   the channel name
 * @param address   the first register, 0-based as on the wire (register 30001 is address 0)
 * @param function  3 (holding registers) or 4 (input registers)
 * @param type      the layout
 * @param wordOrder for 32-bit types
 * @param scale     multiplier
 * @param offset    added after scaling
 * @param unit      unit of the result, or {@code null}
 * @param kind      what it measures (profiles), or {@code null}
 */
record Register(String channel, int address, int function, RegisterType type, WordOrder wordOrder,
                double scale, double offset, String unit, String kind) {

    Register {
        if (address < 0 || address + type.words() > 0x10000) {
            throw new IllegalArgumentException("address: must be 0…65535, was " + address);
        }
        if (function != RtuFrames.READ_HOLDING && function != RtuFrames.READ_INPUT) {
            throw new IllegalArgumentException("function: must be 3 or 4, was " + function);
        }
    }

    /** The register after the last one this value takes. */
    int end() {
        return address + type.words();
    }
}
