package org.vigie.sensors.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vigie.sensors.serial.PortLostException;

/**
 * One Modbus TCP connection to a gateway or device, shared by every sensor that names the same
 * {@code host:port} (a gateway in front of an RS-485 bus serves many units through one socket).
 * Requests go one at a time. A connection that cannot be made is retried after 1 s, then 2 s, …
 * up to 30 s; until then reads fail at once, so a gateway that is down costs no poll a timeout.
 * A reply with another transaction id (a late answer to an earlier request) is skipped; a reply
 * whose framing is broken closes the connection, the only way to find the next frame on a stream.
 */
final class TcpGateway {
    private static final Map<String, TcpGateway> OPEN = new HashMap<>();
    private static final long FIRST_BACKOFF_NANOS = 1_000_000_000L;
    private static final long MAX_BACKOFF_NANOS = 30_000_000_000L;

    private final String host;
    private final int port;
    private final String where;
    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private int refs;
    private Socket socket;
    private int transaction;
    private long backoffNanos = FIRST_BACKOFF_NANOS;
    private long notBefore;
    private boolean waiting;
    private String lastFailure;

    private TcpGateway(String host, int port) {
        this.host = host;
        this.port = port;
        this.where = host + ":" + port;
    }

    /** The shared connection to {@code host:port}; release it with {@link #release()}. */
    static TcpGateway acquire(String host, int port) {
        synchronized (OPEN) {
            TcpGateway g = OPEN.computeIfAbsent(host + ":" + port, k -> new TcpGateway(host, port));
            synchronized (g) {
                g.refs++;
            }
            return g;
        }
    }

    void release() {
        synchronized (OPEN) {
            synchronized (this) {
                if (--refs == 0) {
                    OPEN.remove(where);
                    disconnect();
                }
            }
        }
    }

    String where() {
        return where;
    }

    void onLost(Consumer<String> listener) {
        lostListeners.add(listener);
    }

    /**
     * One read request and its reply.
     *
     * @throws PortLostException no connection can be made (refused, unreachable, in backoff)
     * @throws ModbusException   no answer in time, a broken or short reply, an exception response
     */
    synchronized int[] exchange(int unit, int function, int address, int count, int timeoutMs) throws IOException {
        connect(timeoutMs);
        transaction = (transaction + 1) & 0xFFFF;
        byte[] request = TcpFrames.readRequest(transaction, unit, function, address, count);
        try {
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (true) {
                byte[] frame = readFrame(socket.getInputStream(), deadline, timeoutMs);
                if (TcpFrames.transaction(frame) == transaction) {
                    return TcpFrames.parseReadResponse(frame, unit, function, count);
                }
                // a late reply to an earlier request: the next frame may be ours
            }
        } catch (ModbusException e) {
            if (e.retryable() && !e.silent()) {
                disconnect();
            }
            throw e;
        } catch (IOException e) {
            disconnect();
            throw new ModbusException("connection lost: " + describe(e), true);
        }
    }

    private byte[] readFrame(InputStream in, long deadline, int timeoutMs) throws IOException {
        byte[] header = new byte[TcpFrames.HEADER];
        int got = readUpTo(in, header, 0, header.length, deadline);
        if (got == 0) {
            throw new ModbusException("no answer within " + timeoutMs + " ms", true, true);
        }
        if (got < header.length) {
            throw new ModbusException("short reply (" + got + " bytes: " + RtuFrames.hex(header, got) + ")", true);
        }
        int length = TcpFrames.length(header);
        if (length < 0) {
            throw new ModbusException("garbled reply (" + RtuFrames.hex(header, got) + " …)", true);
        }
        byte[] frame = java.util.Arrays.copyOf(header, TcpFrames.HEADER - 1 + length);
        got = readUpTo(in, frame, header.length, frame.length, deadline);
        if (got < frame.length) {
            throw new ModbusException("short reply (" + got + " of " + frame.length + " bytes: "
                    + RtuFrames.hex(frame, got) + ")", true);
        }
        return frame;
    }

    /** Reads until {@code want} bytes, the deadline, or the end of the stream. */
    private int readUpTo(InputStream in, byte[] buf, int have, int want, long deadline) throws IOException {
        while (have < want) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buf, have, want - have);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                if (have == 0) {
                    throw new IOException("closed by the gateway");
                }
                break;
            }
            have += n;
        }
        return have;
    }

    private void connect(int timeoutMs) throws PortLostException {
        if (socket != null) {
            return;
        }
        long now = System.nanoTime();
        if (waiting && now - notBefore < 0) {
            throw new PortLostException(where + ": " + lastFailure + " (next try in "
                    + Math.max(1, (notBefore - now + 999_999_999L) / 1_000_000_000L) + " s)");
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            socket = s;
            waiting = false;
            backoffNanos = FIRST_BACKOFF_NANOS;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing was connected
            }
            boolean wasUp = !waiting;
            lastFailure = describe(e);
            notBefore = now + backoffNanos;
            backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
            waiting = true;
            String problem = where + ": " + lastFailure;
            if (wasUp) {
                lostListeners.forEach(l -> l.accept(problem));
            }
            throw new PortLostException(problem, e);
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing more to do
            }
            socket = null;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "no connection within the timeout";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
