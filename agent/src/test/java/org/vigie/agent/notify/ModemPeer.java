package org.vigie.agent.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The sensors module's modem emulator ({@code sensors/src/test/resources/modem/emulator.py}) on
 * the peer side of a socat pty pair at {@code DIR/dev} (vigie) and {@code DIR/peer} (the modem).
 */
final class ModemPeer implements AutoCloseable {
    static final Path SCRIPT = Path.of("../sensors/src/test/resources/modem/emulator.py");

    /** One line of the emulator's log; {@code t} in seconds since the epoch. */
    record Event(double t, String event, String to, String text) {
    }

    final Path dev;
    final Path log;
    final Path control;
    private final List<Process> processes = new ArrayList<>();

    ModemPeer(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed: modem tests skipped");
        Assumptions.assumeTrue(Files.exists(SCRIPT), "no " + SCRIPT.toAbsolutePath());
        this.dev = dir.resolve("dev");
        Path peer = dir.resolve("peer");
        this.log = dir.resolve("modem.log");
        this.control = dir.resolve("control.json");
        Files.writeString(control, "{\"pin\": null, \"registered\": true}");
        processes.add(new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + peer)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(dev) && Files.exists(peer)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        processes.add(new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), "--port", peer.toString(),
                "--control", control.toString(), "--log", log.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("emulator.out").toFile()).start());
        while (events("open").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the modem emulator did not start: " + Files.readString(dir.resolve("emulator.out")));
            }
            Thread.sleep(10);
        }
    }

    /** Changes the modem's behaviour (see emulator.py), like {@code {"registered": false}}. */
    void control(String json) throws IOException {
        Path tmp = control.resolveSibling("control.tmp");
        Files.writeString(tmp, json);
        Files.move(tmp, control, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    List<Event> events(String kind) throws IOException {
        List<Event> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && f[1].equals(kind)) {
                out.add(new Event(Double.parseDouble(f[0]), f[1], f[2], f[3]));
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
            processes.get(i).waitFor(5, TimeUnit.SECONDS);
        }
    }
}
