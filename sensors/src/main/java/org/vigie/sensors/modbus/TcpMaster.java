package org.vigie.sensors.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/** One sensor's Modbus TCP master: its share of a {@link TcpGateway}, its timeout and retries. */
final class TcpMaster implements RegisterReader {
    private final TcpGateway gateway;
    private final int timeoutMs;
    private final int retries;
    private boolean closed;

    TcpMaster(TcpGateway gateway, Duration timeout, int retries) {
        this.gateway = gateway;
        this.timeoutMs = (int) Math.max(1, timeout.toMillis());
        this.retries = retries;
    }

    @Override
    public int[] read(int unit, int function, int address, int count) throws IOException {
        return ModbusException.withRetries(retries, function, address, count,
                () -> gateway.exchange(unit, function, address, count, timeoutMs));
    }

    @Override
    public String where() {
        return gateway.where();
    }

    @Override
    public void onLost(Consumer<String> listener) {
        gateway.onLost(listener);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            gateway.release();
        }
    }
}
