package org.vigie.sensors.modbus;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * How a Modbus sensor reaches its device: an RTU master on a serial line ({@link RtuMaster}) or a
 * Modbus TCP connection to a gateway or device ({@link TcpMaster}). Same registers, same faults.
 */
interface RegisterReader extends AutoCloseable {

    /**
     * Reads {@code count} registers from {@code address} with function 3 or 4 of {@code unit}.
     *
     * @throws ModbusException the device answered wrongly, or not at all
     * @throws org.vigie.sensors.serial.PortLostException the line or the connection is gone
     */
    int[] read(int unit, int function, int address, int count) throws IOException;

    /** Where the device is, for messages: {@code /dev/ttyUSB0}, {@code 10.0.0.5:502}. */
    String where();

    /** Called with the problem as soon as the line or connection is seen to be lost. */
    void onLost(Consumer<String> listener);

    /** Releases the sensor's share of the line or connection. Never throws. */
    @Override
    void close();
}
