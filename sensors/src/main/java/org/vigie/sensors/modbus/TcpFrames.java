package org.vigie.sensors.modbus;

/**
 * Modbus TCP frames for reading registers: the MBAP header (transaction id, protocol 0, length,
 * unit) and the same PDU as RTU, without a CRC (TCP has its own checks).
 */
final class TcpFrames {
    /** Transaction (2), protocol (2), length (2), unit (1). */
    static final int HEADER = 7;

    private TcpFrames() {
    }

    static byte[] readRequest(int transaction, int unit, int function, int address, int count) {
        return new byte[] {(byte) (transaction >>> 8), (byte) transaction, 0, 0, 0, 6, (byte) unit, (byte) function,
            (byte) (address >>> 8), (byte) address, (byte) (count >>> 8), (byte) count};
    }

    static int transaction(byte[] frame) {
        return ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF);
    }

    /**
     * The header's length field (the bytes after it: unit and PDU), or -1 when the header cannot
     * be a Modbus reply (another protocol id, a length no read reply has).
     */
    static int length(byte[] header) {
        int protocol = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        return protocol != 0 || length < 3 || length > 254 ? -1 : length;
    }

    /**
     * Checks a complete reply (header included) and returns its registers as unsigned 16-bit values.
     *
     * @throws ModbusException wrong unit, function or byte count, or an exception response
     */
    static int[] parseReadResponse(byte[] frame, int unit, int function, int count) throws ModbusException {
        int u = frame[6] & 0xFF;
        if (u != unit) {
            throw new ModbusException("reply from unit " + u + " instead of " + unit, true);
        }
        int fn = frame[7] & 0xFF;
        if (fn == (function | 0x80)) {
            int code = frame[8] & 0xFF;
            throw new ModbusException("exception " + code + " (" + RtuFrames.exceptionName(code) + ")", false);
        }
        if (fn != function) {
            throw new ModbusException("reply to function " + fn + " instead of " + function, true);
        }
        int bytes = frame[8] & 0xFF;
        if (bytes != 2 * count || frame.length != HEADER + 2 + bytes) {
            throw new ModbusException("byte count " + bytes + " in a " + frame.length + "-byte reply, expected "
                    + 2 * count + " (" + RtuFrames.hex(frame, frame.length) + ")", true);
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = ((frame[9 + 2 * i] & 0xFF) << 8) | (frame[10 + 2 * i] & 0xFF);
        }
        return words;
    }
}
