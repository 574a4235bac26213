package org.vigie.agent.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A real Mosquitto broker on 127.0.0.1, started, killed and restarted by a test. */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;
    private List<String> extra = List.of();

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A broker on a free port, not started yet. */
    public static Mosquitto onFreePort(Path dir) throws IOException {
        Assumptions.assumeTrue(binary() != null, "mosquitto is not installed (apt-get install mosquitto); .ci/run installs it");
        return new Mosquitto(dir, freePort());
    }

    static String binary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Extra lines for the listener (TLS files, …), written after its {@code listener} line. */
    public Mosquitto with(String... lines) {
        extra = List.of(lines);
        return this;
    }

    public Mosquitto start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "user root",
                "listener " + port + " 127.0.0.1",
                String.join("\n", extra),
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir + "/",
                "autosave_interval 1",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "") );
        process = new ProcessBuilder(binary(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + dir, e);
                }
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    /** SIGKILL, as a crash. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** SIGTERM: mosquitto saves its persistence and exits. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
