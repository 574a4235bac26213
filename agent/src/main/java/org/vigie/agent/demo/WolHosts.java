package org.vigie.agent.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import org.vigie.agent.recovery.MagicPacket;

/**
 * The network cards of the demo's two simulated servers: a UDP receiver on 127.0.0.1 that
 * "powers on" a server (starts its listener again) when a Wake-on-LAN magic packet for its MAC
 * arrives, as a real card wakes its sleeping machine.
 */
final class WolHosts implements AutoCloseable {
    /** host → MAC. */
    static final Map<String, String> MACS = Map.of("db1", "52:54:00:00:0d:b1", "batch1", "52:54:00:00:0b:a1");

    private final DatagramSocket socket;
    private final Thread thread;

    WolHosts(Consumer<String> powerOn) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> receive(powerOn), "demo-wol");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receive(Consumer<String> powerOn) {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            byte[] mac = MagicPacket.macOf(p.getData(), p.getLength());
            if (mac == null) {
                continue;
            }
            String text = HexFormat.ofDelimiter(":").formatHex(mac);
            MACS.forEach((host, m) -> {
                if (m.equals(text)) {
                    powerOn.accept(host);
                }
            });
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
