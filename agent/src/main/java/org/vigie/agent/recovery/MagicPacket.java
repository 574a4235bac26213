package org.vigie.agent.recovery;

/** A Wake-on-LAN magic packet: six {@code FF} bytes, then the MAC address sixteen times (102 bytes). */
public final class MagicPacket {
    public static final int LENGTH = 6 + 16 * 6;

    private MagicPacket() {
    }

    public static byte[] of(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("mac: must be 6 bytes, was " + mac.length);
        }
        byte[] p = new byte[LENGTH];
        for (int i = 0; i < 6; i++) {
            p[i] = (byte) 0xff;
        }
        for (int i = 0; i < 16; i++) {
            System.arraycopy(mac, 0, p, 6 + i * 6, 6);
        }
        return p;
    }

    /** The MAC a magic packet wakes, or {@code null} when {@code p} is not one. */
    public static byte[] macOf(byte[] p, int length) {
        if (length != LENGTH) {
            return null;
        }
        for (int i = 0; i < 6; i++) {
            if (p[i] != (byte) 0xff) {
                return null;
            }
        }
        byte[] mac = java.util.Arrays.copyOfRange(p, 6, 12);
        for (int i = 1; i < 16; i++) {
            if (!java.util.Arrays.equals(mac, 0, 6, p, 6 + i * 6, 12 + i * 6)) {
                return null;
            }
        }
        return mac;
    }
}
