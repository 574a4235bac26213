package org.vigie.sensors.nut;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for upsd on 127.0.0.1: answers each command line with the lines the test
 * set for it ({@code DROP} closes the connection), and counts connections.
 */
final class FakeUpsd implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    FakeUpsd() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-upsd");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    FakeUpsd answer(String command, String... lines) {
        answers.put(command, List.of(lines));
        return this;
    }

    List<String> received() {
        return received;
    }

    int connections() {
        return connections.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                converse(s);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new java.io.UncheckedIOException("fake upsd", e);
                }
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.ISO_8859_1);
        String line;
        while ((line = in.readLine()) != null) {
            received.add(line);
            List<String> reply = answers.getOrDefault(line, List.of("ERR UNKNOWN-COMMAND"));
            if (reply.equals(List.of("DROP"))) {
                return;
            }
            reply.forEach(r -> out.print(r + "\n"));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
