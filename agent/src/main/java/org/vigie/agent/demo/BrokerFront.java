package org.vigie.agent.demo;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo broker's public port. MQTT lets a client send SUBSCRIBE right after CONNECT without
 * waiting for CONNACK (paho-mqtt for Python does); Moquette 0.17 drops such a client and logs a
 * stack trace. This front relays each client to Moquette on a private port and holds whatever a
 * client sends after its CONNECT until Moquette's first answer (the CONNACK) has gone back: the
 * client may pipeline, Moquette sees the order it expects. Bytes are relayed untouched otherwise.
 * 127.0.0.1 only, two small threads per client: sized for a demo, not a production broker.
 */
final class BrokerFront implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BrokerFront.class);
    private static final long CONNACK_WAIT_S = 10;

    private final ServerSocket server;
    private final int backendPort;
    private volatile boolean closed;

    BrokerFront(int port, int backendPort) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.backendPort = backendPort;
        Thread t = new Thread(this::accept, "vigie-demo-broker-front");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("demo broker: stopped taking clients on 127.0.0.1:{}: {}", server.getLocalPort(), e.getMessage());
                }
                return;
            }
            try {
                client.setTcpNoDelay(true);
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                backend.setTcpNoDelay(true);
                CountDownLatch connack = new CountDownLatch(1);
                start("up", () -> upstream(client, backend, connack), client, backend);
                start("down", () -> downstream(backend, client, connack), client, backend);
            } catch (IOException e) {
                log.debug("demo broker: cannot reach the embedded broker for a client: {}", e.toString());
                quietClose(client);
            }
        }
    }

    private interface Pump {
        void run() throws IOException, InterruptedException;
    }

    private static void start(String name, Pump pump, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException | InterruptedException e) {
                // the client or the broker hung up: end both sides, as a broker would, without a fuss
                log.debug("demo broker: a client connection ended: {}", e.toString());
            } finally {
                quietClose(a);
                quietClose(b);
            }
        }, "vigie-demo-broker-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Client to broker: the CONNECT at once, the rest once the CONNACK went back. */
    private static void upstream(Socket client, Socket backend, CountDownLatch connack) throws IOException, InterruptedException {
        InputStream in = client.getInputStream();
        OutputStream out = backend.getOutputStream();
        out.write(packet(in));
        out.flush();
        if (!connack.await(CONNACK_WAIT_S, TimeUnit.SECONDS)) {
            return;
        }
        in.transferTo(out);
    }

    /** Broker to client: the first packet (CONNACK) releases what the client pipelined. */
    private static void downstream(Socket backend, Socket client, CountDownLatch connack) throws IOException {
        InputStream in = backend.getInputStream();
        OutputStream out = client.getOutputStream();
        out.write(packet(in));
        out.flush();
        connack.countDown();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    /** One whole MQTT control packet: fixed header, remaining length (1 to 4 bytes), body. */
    static byte[] packet(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
        p.write(read(in));
        int length = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            int b = read(in);
            p.write(b);
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            if (i == 3) {
                throw new IOException("malformed MQTT remaining length");
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("MQTT packet cut short");
        }
        p.write(body);
        return p.toByteArray();
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    private static void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("demo broker: closing a connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("demo broker: closing the port: {}", e.toString());
        }
    }
}
