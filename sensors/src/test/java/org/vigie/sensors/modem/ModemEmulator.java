package org.vigie.sensors.modem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.vigie.sensors.serial.Pty;

/** The Python modem emulator ({@code modem/emulator.py}) on the peer side of a socat pty pair. */
final class ModemEmulator implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** One line of the emulator's log. */
    record Event(double t, String event, String to, String text) {
    }

    final Pty pty;
    final Path control;
    final Path log;
    private final Path script;
    private Process process;

    ModemEmulator(Path dir) throws IOException {
        Pty.assumeSocat();
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing: modem tests skipped");
        this.pty = new Pty(dir);
        this.control = dir.resolve("control.json");
        this.log = dir.resolve("modem.log");
        this.script = dir.resolve("emulator.py");
        try (var in = ModemEmulator.class.getResourceAsStream("/modem/emulator.py")) {
            Files.write(script, in.readAllBytes());
        }
        control("{\"pin\": null, \"registered\": true, \"cms_errors\": 0}");
    }

    void start() throws IOException, InterruptedException {
        pty.start();
        process = new ProcessBuilder(PYTHON.toString(), script.toString(), "--port", pty.peer.toString(),
                "--control", control.toString(), "--log", log.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling("emulator.out").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events("open").isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("the modem emulator did not open " + pty.peer + ": "
                        + Files.readString(log.resolveSibling("emulator.out")));
            }
            Thread.sleep(10);
        }
    }

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
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        pty.close();
    }
}
