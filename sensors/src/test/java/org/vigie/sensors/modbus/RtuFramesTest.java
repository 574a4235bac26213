package org.vigie.sensors.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte-exact fixtures; the replies were captured from pymodbus 3.0 serving on a pty. */
class RtuFramesTest {

    static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Test
    void crcOfKnownFrames() {
        assertEquals(0xCDC5, Crc16.of(hex("01 03 00 00 00 0a"), 0, 6));
        assertEquals(0xCB71, Crc16.of(hex("01 04 00 00 00 02"), 0, 6));
        assertTrue(Crc16.valid(hex("01 04 04 43 66 80 00 6f df"), 9));
        assertFalse(Crc16.valid(hex("01 04 04 43 66 80 00 6f 85"), 9));
    }

    @Test
    void readRequestIsByteExact() {
        assertArrayEquals(hex("01 04 00 00 00 02 71 cb"), RtuFrames.readRequest(1, 4, 0, 2));
        assertArrayEquals(hex("01 03 00 00 00 0a c5 cd"), RtuFrames.readRequest(1, 3, 0, 10));
        // the XY-MD02 manual's "read temperature" frame
        assertArrayEquals(hex("01 04 00 01 00 01 60 0a"), RtuFrames.readRequest(1, 4, 1, 1));
        assertArrayEquals(hex("02 04 01 56 00 02"), java.util.Arrays.copyOf(RtuFrames.readRequest(2, 4, 0x156, 2), 6));
    }

    @Test
    void readResponseGivesTheRegisters() throws ModbusException {
        byte[] f = hex("01 04 04 43 66 80 00 6f df");
        assertEquals(9, RtuFrames.expectedLength(f, 4, 2));
        assertArrayEquals(new int[] {0x4366, 0x8000}, RtuFrames.parseReadResponse(f, 9, 1, 4, 2));
        byte[] probe = hex("02 04 04 00 d7 00 00 78 bc");
        assertArrayEquals(new int[] {215, 0}, RtuFrames.parseReadResponse(probe, 9, 2, 4, 2));
    }

    @Test
    void exceptionResponseIsNamedAndNotRetried() {
        byte[] f = hex("01 84 02 c2 c1");
        assertEquals(5, RtuFrames.expectedLength(f, 4, 4));
        ModbusException e = assertThrows(ModbusException.class, () -> RtuFrames.parseReadResponse(f, 5, 1, 4, 4));
        assertEquals("exception 2 (illegal data address)", e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void badFramesAreRefusedWithWhatWasWrong() {
        assertEquals("CRC mismatch (01 04 04 43 66 80 00 6f 85)", assertThrows(ModbusException.class,
                () -> RtuFrames.parseReadResponse(hex("01 04 04 43 66 80 00 6f 85"), 9, 1, 4, 2)).getMessage());
        byte[] wrongUnit = hex("02 04 04 43 66 80 00 00 00");
        Crc16.append(wrongUnit, 7);
        assertEquals("reply from unit 2 instead of 1", assertThrows(ModbusException.class,
                () -> RtuFrames.parseReadResponse(wrongUnit, 9, 1, 4, 2)).getMessage());
        assertTrue(assertThrows(ModbusException.class,
                () -> RtuFrames.parseReadResponse(hex("01 04 04"), 3, 1, 4, 2)).getMessage().startsWith("short frame"));
        byte[] wrongCount = hex("01 04 02 00 01 00 00");
        Crc16.append(wrongCount, 5);
        assertEquals("byte count 2 in a 7-byte frame, expected 4", assertThrows(ModbusException.class,
                () -> RtuFrames.parseReadResponse(wrongCount, 7, 1, 4, 2)).getMessage());
        assertEquals(-1, RtuFrames.expectedLength(hex("01 04 ff"), 4, 2), "garbage header");
        assertEquals(-1, RtuFrames.expectedLength(hex("01 03 04"), 4, 2), "another function");
    }

    @Test
    void wordOrdersAndTypes() {
        int[] regs = {0x4366, 0x8000};
        assertEquals(230.5, RegisterType.FLOAT32.decode(regs, 0, WordOrder.BIG));
        assertEquals(230.5, RegisterType.FLOAT32.decode(new int[] {0x8000, 0x4366}, 0, WordOrder.LITTLE));
        assertEquals(-2.0, RegisterType.INT32.decode(new int[] {0xFFFF, 0xFFFE}, 0, WordOrder.BIG));
        assertEquals(-2.0, RegisterType.INT32.decode(new int[] {0xFFFE, 0xFFFF}, 0, WordOrder.LITTLE));
        assertEquals(4294967294.0, RegisterType.UINT32.decode(new int[] {0xFFFF, 0xFFFE}, 0, WordOrder.BIG));
        assertEquals(65536.0, RegisterType.UINT32.decode(new int[] {0, 1}, 0, WordOrder.LITTLE));
        assertEquals(-55.0, RegisterType.INT16.decode(new int[] {0xFFC9}, 0, WordOrder.BIG));
        assertEquals(65481.0, RegisterType.UINT16.decode(new int[] {0xFFC9}, 0, WordOrder.BIG));
        assertEquals(1.0, RegisterType.UINT16.decode(new int[] {9, 1}, 1, WordOrder.BIG));
    }

    @Test
    void blocksJoinContiguousRegistersAndKeepFunctionsApart() {
        var sdm120 = Profiles.byName("sdm120").orElseThrow();
        var blocks = Block.plan(sdm120.registers(), sdm120.maxGap(), RtuFrames.MAX_COUNT);
        assertEquals(java.util.List.of("input 0x0000+14", "input 0x0046+2", "input 0x0156+2"),
                blocks.stream().map(Block::describe).toList());
        Register a = new Register("a", 10, 3, RegisterType.UINT16, WordOrder.BIG, 1, 0, null, null);
        Register b = new Register("b", 11, 3, RegisterType.FLOAT32, WordOrder.BIG, 1, 0, null, null);
        Register c = new Register("c", 14, 3, RegisterType.UINT16, WordOrder.BIG, 1, 0, null, null);
        Register d = new Register("d", 11, 4, RegisterType.UINT16, WordOrder.BIG, 1, 0, null, null);
        assertEquals(java.util.List.of("holding 0x000A+3", "holding 0x000E+1", "input 0x000B+1"),
                Block.plan(java.util.List.of(c, d, b, a), 0, 125).stream().map(Block::describe).toList());
        assertEquals(java.util.List.of("holding 0x000A+3", "holding 0x000E+1"),
                Block.plan(java.util.List.of(a, b, c), 5, 4).stream().map(Block::describe).toList(),
                "max count splits");
        assertEquals(2, Block.plan(Profiles.byName("xy-md02").orElseThrow().registers(), 0, 125).get(0).count());
    }
}
