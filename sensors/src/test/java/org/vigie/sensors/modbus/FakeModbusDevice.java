package org.vigie.sensors.modbus;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Answers read requests from one unit's input and holding registers; a test breaks the replies on purpose. */
final class FakeModbusDevice implements UnaryOperator<byte[]> {

    enum Mode { NORMAL, CRC, GARBLE, SILENT, WRONG_UNIT, SHORT }

    final int unit;
    final int[] input = new int[0x200];
    final int[] holding = new int[0x20];
    volatile Mode mode = Mode.NORMAL;

    FakeModbusDevice(int unit) {
        this.unit = unit;
    }

    void setFloat(int address, float value) {
        int bits = Float.floatToIntBits(value);
        input[address] = bits >>> 16;
        input[address + 1] = bits & 0xFFFF;
    }

    @Override
    public byte[] apply(byte[] req) {
        if (req.length != 8 || (req[0] & 0xFF) != unit || !Crc16.valid(req, 8) || mode == Mode.SILENT) {
            return new byte[0];
        }
        int fn = req[1] & 0xFF;
        int address = ((req[2] & 0xFF) << 8) | (req[3] & 0xFF);
        int count = ((req[4] & 0xFF) << 8) | (req[5] & 0xFF);
        int[] regs = fn == 4 ? input : fn == 3 ? holding : null;
        byte[] reply;
        if (regs == null || address + count > regs.length) {
            reply = new byte[] {(byte) unit, (byte) (fn | 0x80), (byte) (regs == null ? 1 : 2), 0, 0};
        } else {
            reply = new byte[5 + 2 * count];
            reply[0] = (byte) unit;
            reply[1] = (byte) fn;
            reply[2] = (byte) (2 * count);
            for (int i = 0; i < count; i++) {
                reply[3 + 2 * i] = (byte) (regs[address + i] >>> 8);
                reply[4 + 2 * i] = (byte) regs[address + i];
            }
        }
        if (mode == Mode.WRONG_UNIT) {
            reply[0] = (byte) (unit + 1);
        }
        Crc16.append(reply, reply.length - 2);
        return switch (mode) {
            case CRC -> {
                reply[reply.length - 1] ^= 0x5A;
                yield reply;
            }
            case GARBLE -> new byte[] {reply[0], reply[1], (byte) 0xFF, 0x13, 0x37};
            case SHORT -> Arrays.copyOf(reply, reply.length - 3);
            default -> reply;
        };
    }
}
