package org.vigie.sensors.ups;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A Megatec UPS for the tests, on the device side of a pty: answers {@code Q1\r} with
 * {@link #status} (or nothing when {@code null}), and {@code I\r} with an identity line. Runs on
 * its own thread until the pty goes away.
 */
final class MegatecResponder implements AutoCloseable {

    volatile String status = "(230.1 230.0 229.8 041 50.0 27.2 31.5 00001000";
    volatile IOException ended;
    private final InputStream in;
    private final OutputStream out;
    private final Thread thread;

    MegatecResponder(Path peer) throws IOException {
        in = new FileInputStream(peer.toFile());
        out = new FileOutputStream(peer.toFile());
        thread = new Thread(this::serve, "megatec-responder");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        StringBuilder request = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\r') {
                    request.append((char) c);
                    continue;
                }
                String answer = switch (request.toString()) {
                    case "Q1" -> status;
                    case "I" -> "#VIGIE TEST UPS  1.0       ";
                    default -> null;
                };
                request.setLength(0);
                if (answer != null) {
                    out.write((answer + "\r").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            ended = e; // the pty hung up: the unplug
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            in.close();
        } finally {
            out.close();
        }
        thread.join(1000);
    }
}
