package org.vigie.sensors.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A pair of pseudo-terminals joined by {@code socat} at stable paths, {@code DIR/dev} for vigie and
 * {@code DIR/peer} for the device. {@link #stop()} is the unplug: socat removes its links and the
 * ptys hang up; {@link #start()} again gives new ptys behind the same paths.
 */
public final class Pty implements AutoCloseable {

    static final Path SOCAT = Path.of("/usr/bin/socat");

    public final Path dev;
    public final Path peer;
    private final Path log;
    private Process socat;

    public Pty(Path dir) {
        this.dev = dir.resolve("dev");
        this.peer = dir.resolve("peer");
        this.log = dir.resolve("socat.log");
    }

    /** Skips the calling test when socat is not installed. */
    public static void assumeSocat() {
        Assumptions.assumeTrue(Files.isExecutable(SOCAT),
                "socat is not installed (apt-get install socat): serial integration tests skipped");
    }

    /** A registry over real ports (jSerialComm), separate from the process-wide one. */
    public static SerialPorts realPorts() {
        return new SerialPorts(new JSerialCommDriver(), System::nanoTime);
    }

    public void start() throws IOException, InterruptedException {
        socat = new ProcessBuilder(SOCAT.toString(), "-d", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + peer)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(dev) && Files.exists(peer))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IOException("socat did not create " + dev + " and " + peer + ": " + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    /** Unplugs: SIGTERM to socat, which removes its links. */
    public void stop() throws InterruptedException {
        if (socat == null) {
            return;
        }
        socat.destroy();
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        socat = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
