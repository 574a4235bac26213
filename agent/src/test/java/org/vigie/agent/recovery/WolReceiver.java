package org.vigie.agent.recovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A UDP receiver on 127.0.0.1 standing for the hosts' network cards: records every datagram as
 * it came, and runs a host's "power on" when a magic packet for its MAC arrives.
 */
final class WolReceiver implements AutoCloseable {
    /** One datagram received. */
    record Packet(byte[] bytes, long nanos) {
        String mac() {
            return bytes.length < 12 ? "" : HexFormat.of().formatHex(bytes, 6, 12);
        }
    }

    private final DatagramSocket socket;
    private final List<Packet> packets = new ArrayList<>();
    private final Map<String, Consumer<String>> powerOn = new ConcurrentHashMap<>();
    private final Thread thread;

    WolReceiver() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::receive, "test-wol-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** When a packet for {@code mac} (hex, no separators) arrives, {@code action} gets the MAC. */
    void onPacket(String mac, Consumer<String> action) {
        powerOn.put(mac, action);
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            Packet packet = new Packet(Arrays.copyOf(p.getData(), p.getLength()), System.nanoTime());
            synchronized (this) {
                packets.add(packet);
                notifyAll();
            }
            Consumer<String> action = powerOn.get(packet.mac());
            if (action != null) {
                action.accept(packet.mac());
            }
        }
    }

    synchronized List<Packet> packets() {
        return new ArrayList<>(packets);
    }

    List<Packet> packets(String mac) {
        return packets().stream().filter(p -> p.mac().equals(mac)).toList();
    }

    /** Waits until {@code n} packets for {@code mac} have come. */
    synchronized void await(String mac, int n, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (packets.stream().filter(p -> p.mac().equals(mac)).count() < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError(n + " packet(s) for " + mac + " expected; received " + packets.size() + " in all");
            }
            wait(left);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
