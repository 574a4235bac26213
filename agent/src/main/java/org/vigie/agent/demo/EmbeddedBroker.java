package org.vigie.agent.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The demo's MQTT broker (Moquette), on 127.0.0.1 only, nothing persisted, no telemetry. Clients
 * connect through {@link BrokerFront}, which lets them pipeline SUBSCRIBE after CONNECT; a client
 * without an id (mosquitto_sub's default) is given one by the broker.
 */
final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();
    private final BrokerFront front;

    private EmbeddedBroker(int port) throws IOException {
        int internal = anyFreePort();
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(internal));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("immediate_buffer_flush", "true");
        p.setProperty("netty.tcp_nodelay", "true");
        server.startServer(new MemoryConfig(p));
        try {
            front = new BrokerFront(port, internal);
        } catch (IOException e) {
            server.stopServer();
            throw new IOException("127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Starts on {@code preferred}, or on a free port when that one is taken. */
    static EmbeddedBroker start(int preferred) throws IOException {
        int port = free(preferred) ? preferred : anyFreePort();
        return new EmbeddedBroker(port);
    }

    int port() {
        return front.port();
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        front.close();
        server.stopServer();
    }
}
