package org.vigie.sensors.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Real ports through jSerialComm. The only class that touches it, so that {@code vigie check}
 * never loads its native library (extracted under {@code java.io.tmpdir}: see
 * {@code systemd/jserialcomm.md}).
 *
 * <p>jSerialComm#481: {@code isOpen()} stays true after the device vanished, so loss is taken
 * from the {@code PORT_DISCONNECTED} event and from failed reads and writes. On a hung-up pty the
 * event repeats in a tight loop until the port is closed: it is closed at the first one.
 */
final class JSerialCommDriver implements PortDriver {

    /** How long one native read waits at most; reads loop on it up to their deadline. */
    private static final int POLL_MS = 20;
    private static final int WRITE_TIMEOUT_MS = 2000;
    /** Closes ports whose disconnect event fired: never on jSerialComm's own event thread. */
    private static final Executor CLOSER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigie-serial-disconnect");
        t.setDaemon(true);
        return t;
    });

    @Override
    public OpenPort open(String device, LineSettings line, Runnable onDisconnect) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(device + ": not a serial port: " + e.getMessage(), e);
        } catch (LinkageError e) {
            // its native library could not be extracted or loaded: a fault of this port, not of the agent
            throw new IOException(device + ": jSerialComm's native library cannot be loaded (" + e
                    + "); is java.io.tmpdir on a noexec mount? see systemd/jserialcomm.md", e);
        }
        port.setComPortParameters(line.baud(), 8,
                line.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT,
                switch (line.parity()) {
                    case NONE -> SerialPort.NO_PARITY;
                    case EVEN -> SerialPort.EVEN_PARITY;
                    case ODD -> SerialPort.ODD_PARITY;
                });
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                POLL_MS, WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            throw new IOException(device + ": cannot open (error " + port.getLastErrorCode()
                    + " at line " + port.getLastErrorLocation() + "; permissions? dialout group?)");
        }
        Port open = new Port(device, port);
        port.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                if (event.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED
                        && open.disconnected.compareAndSet(false, true)) {
                    onDisconnect.run();
                    // the event repeats in a tight loop until the port is closed
                    CLOSER.execute(open::close);
                }
            }
        });
        return open;
    }

    private static final class Port implements OpenPort {
        private final String device;
        private final SerialPort port;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean disconnected = new AtomicBoolean();

        Port(String device, SerialPort port) {
            this.device = device;
            this.port = port;
        }

        @Override
        public void write(byte[] data) throws IOException {
            int n = closed.get() ? -1 : port.writeBytes(data, data.length);
            if (n != data.length) {
                throw new PortLostException(device + ": write failed (" + n + " of " + data.length + " bytes)");
            }
        }

        @Override
        public int read(byte[] buf, int off, int len, long deadlineNanos) throws IOException {
            do {
                int n = closed.get() ? -1 : port.readBytes(buf, len, off);
                if (n < 0) {
                    throw new PortLostException(device + ": read failed");
                }
                if (n > 0) {
                    return n;
                }
                if (!closed.get() && port.bytesAvailable() < 0) {
                    throw new PortLostException(device + ": read failed");
                }
            } while (System.nanoTime() - deadlineNanos < -TimeUnit.MILLISECONDS.toNanos(1));
            return 0;
        }

        @Override
        public int discardInput() throws IOException {
            int total = 0;
            byte[] buf = new byte[256];
            int available;
            while ((available = closed.get() ? -1 : port.bytesAvailable()) != 0) {
                if (available < 0) {
                    throw new PortLostException(device + ": read failed");
                }
                int n = port.readBytes(buf, Math.min(available, buf.length));
                if (n < 0) {
                    throw new PortLostException(device + ": read failed");
                }
                total += n;
            }
            return total;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                port.removeDataListener();
                port.closePort();
            }
        }
    }
}
