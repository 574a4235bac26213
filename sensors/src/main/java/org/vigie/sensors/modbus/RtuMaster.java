package org.vigie.sensors.modbus;

import java.io.IOException;
import java.time.Duration;
import org.vigie.sensors.serial.LineSettings;
import org.vigie.sensors.serial.SerialIo;
import org.vigie.sensors.serial.SerialLink;

/**
 * A Modbus RTU master on a {@link SerialLink}: one read of a register block per exchange, with
 * the 3.5-character silence before each request, a reply timeout, and retries for replies that
 * got lost or garbled (never for an exception response, which the device means).
 */
final class RtuMaster implements RegisterReader {

    private final SerialLink link;
    private final long timeoutNanos;
    private final int retries;

    RtuMaster(SerialLink link, Duration timeout, int retries) {
        this.link = link;
        this.timeoutNanos = timeout.toNanos();
        this.retries = retries;
    }

    /**
     * Reads {@code count} registers from {@code address} with function 3 or 4.
     *
     * @throws ModbusException the last try's failure, prefixed with the request
     * @throws org.vigie.sensors.serial.PortLostException the port is gone
     */
    @Override
    public String where() {
        return link.path();
    }

    @Override
    public void onLost(java.util.function.Consumer<String> listener) {
        link.onLost(listener);
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public int[] read(int unit, int function, int address, int count) throws IOException {
        return ModbusException.withRetries(retries, function, address, count,
                () -> link.exchange(io -> once(io, unit, function, address, count)));
    }

    /** Inter-frame silence: 3.5 characters, fixed at 1.75 ms above 19200 baud (the spec's advice). */
    static long silenceNanos(LineSettings line) {
        return line.baud() > 19200 ? 1_750_000L : line.nanosFor(35) / 10;
    }

    private int[] once(SerialIo io, int unit, int function, int address, int count) throws IOException {
        LineSettings line = io.line();
        byte[] request = RtuFrames.readRequest(unit, function, address, count);
        io.discardInput();
        io.awaitSilence(silenceNanos(line));
        io.write(request);
        long deadline = System.nanoTime() + line.nanosFor(request.length + 5 + 2 * count) + timeoutNanos;
        byte[] reply = new byte[5 + 2 * count];
        int got = readUpTo(io, reply, 0, 3, deadline);
        if (got == 0) {
            throw new ModbusException("no answer within " + timeoutNanos / 1_000_000 + " ms", true, true);
        }
        if (got < 3) {
            resync(io);
            throw new ModbusException("short frame (" + RtuFrames.hex(reply, got) + ")", true);
        }
        int length = RtuFrames.expectedLength(reply, function, count);
        if (length < 0) {
            resync(io);
            throw new ModbusException("garbled reply (" + RtuFrames.hex(reply, got) + " …)", true);
        }
        got = readUpTo(io, reply, got, length, deadline);
        if (got < length) {
            resync(io);
            throw new ModbusException("short frame (" + got + " of " + length + " bytes: "
                    + RtuFrames.hex(reply, got) + ")", true);
        }
        return RtuFrames.parseReadResponse(reply, got, unit, function, count);
    }

    private static int readUpTo(SerialIo io, byte[] buf, int have, int want, long deadline) throws IOException {
        while (have < want) {
            int n = io.read(buf, have, want - have, deadline);
            if (n == 0) {
                break;
            }
            have += n;
        }
        return have;
    }

    /** After a bad frame: let the rest of it arrive, then throw it away. */
    private static void resync(SerialIo io) throws IOException {
        io.awaitSilence(Math.max(silenceNanos(io.line()) * 2, 20_000_000L));
        io.discardInput();
    }
}
