package org.vigie.sensors.modbus;

import java.util.HexFormat;

/** Modbus RTU frames for reading registers: functions 03 (holding) and 04 (input). */
final class RtuFrames {

    static final int READ_HOLDING = 3;
    static final int READ_INPUT = 4;
    /** The most registers one read may ask for (the PDU limit). */
    static final int MAX_COUNT = 125;

    private RtuFrames() {
    }

    /** {@code unit fn addrHi addrLo countHi countLo crcLo crcHi}. */
    static byte[] readRequest(int unit, int function, int address, int count) {
        byte[] f = new byte[8];
        f[0] = (byte) unit;
        f[1] = (byte) function;
        f[2] = (byte) (address >>> 8);
        f[3] = (byte) address;
        f[4] = (byte) (count >>> 8);
        f[5] = (byte) count;
        Crc16.append(f, 6);
        return f;
    }

    /**
     * The length of the whole reply once its first 3 bytes are known, or -1 when those bytes
     * cannot start a reply to this request (garbage, another function).
     */
    static int expectedLength(byte[] head, int function, int count) {
        int fn = head[1] & 0xFF;
        if (fn == (function | 0x80)) {
            return 5;
        }
        if (fn == function && (head[2] & 0xFF) == 2 * count) {
            return 3 + 2 * count + 2;
        }
        return -1;
    }

    /**
     * Checks a complete reply and returns its registers as unsigned 16-bit values.
     *
     * @throws ModbusException CRC mismatch, wrong unit, wrong function or byte count, or an
     *                         exception response
     */
    static int[] parseReadResponse(byte[] frame, int len, int unit, int function, int count) throws ModbusException {
        if (len < 5) {
            throw new ModbusException("short frame (" + len + " bytes: " + hex(frame, len) + ")", true);
        }
        if (!Crc16.valid(frame, len)) {
            throw new ModbusException("CRC mismatch (" + hex(frame, len) + ")", true);
        }
        int u = frame[0] & 0xFF;
        if (u != unit) {
            throw new ModbusException("reply from unit " + u + " instead of " + unit, true);
        }
        int fn = frame[1] & 0xFF;
        if (fn == (function | 0x80)) {
            int code = frame[2] & 0xFF;
            throw new ModbusException("exception " + code + " (" + exceptionName(code) + ")", false);
        }
        if (fn != function) {
            throw new ModbusException("reply to function " + fn + " instead of " + function, true);
        }
        int bytes = frame[2] & 0xFF;
        if (bytes != 2 * count || len != 3 + bytes + 2) {
            throw new ModbusException("byte count " + bytes + " in a " + len + "-byte frame, expected "
                    + 2 * count, true);
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = ((frame[3 + 2 * i] & 0xFF) << 8) | (frame[4 + 2 * i] & 0xFF);
        }
        return words;
    }

    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target failed to respond";
            default -> "unknown exception code";
        };
    }

    static String hex(byte[] b, int len) {
        return HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(len, 32)) + (len > 32 ? " …" : "");
    }
}
