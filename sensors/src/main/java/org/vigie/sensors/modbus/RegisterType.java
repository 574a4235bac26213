package org.vigie.sensors.modbus;

import java.util.Locale;

/** How a value is laid out in one or two 16-bit registers. */
enum RegisterType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

    private final int words;

    RegisterType(int words) {
        this.words = words;
    }

    /** Registers the value takes. */
    int words() {
        return words;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes the value starting at {@code words[at]}.
     *
     * @param order for 32-bit types, which register holds the high word
     */
    double decode(int[] regs, int at, WordOrder order) {
        if (words == 1) {
            int w = regs[at] & 0xFFFF;
            return this == INT16 ? (short) w : w;
        }
        int first = regs[at] & 0xFFFF;
        int second = regs[at + 1] & 0xFFFF;
        int bits = order == WordOrder.BIG ? (first << 16) | second : (second << 16) | first;
        return switch (this) {
            case INT32 -> bits;
            case UINT32 -> Integer.toUnsignedLong(bits);
            case FLOAT32 -> org.vigie.sensors.Scaling.ofFloat(Float.intBitsToFloat(bits));
            default -> throw new IllegalStateException(name());
        };
    }
}
