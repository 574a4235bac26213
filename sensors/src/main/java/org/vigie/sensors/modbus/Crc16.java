package org.vigie.sensors.modbus;

/** The CRC-16 of Modbus RTU (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first. */
final class Crc16 {

    private Crc16() {
    }

    static int of(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** Appends the CRC of {@code frame[0, len)} at {@code len}, low byte first. */
    static void append(byte[] frame, int len) {
        int crc = of(frame, 0, len);
        frame[len] = (byte) crc;
        frame[len + 1] = (byte) (crc >>> 8);
    }

    /** Whether the last two bytes of {@code frame[0, len)} are the CRC of the bytes before them. */
    static boolean valid(byte[] frame, int len) {
        if (len < 4) {
            return false;
        }
        int crc = of(frame, 0, len - 2);
        return (frame[len - 2] & 0xFF) == (crc & 0xFF) && (frame[len - 1] & 0xFF) == (crc >>> 8);
    }
}
