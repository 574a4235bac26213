package org.vigie.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto on a free 127.0.0.1 port, run as root from its own directory. */
final class Broker implements AutoCloseable {
    private static final String[] BINARIES = {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"};

    private final Process process;
    private final int port;

    private Broker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Broker start(Path dir) throws IOException, InterruptedException {
        return start(dir, freePort());
    }

    /** A broker on a given port (to start one again where a killed one was). */
    static Broker start(Path dir, int port) throws IOException, InterruptedException {
        String binary = binary();
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "user root",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log"),
                ""));
        Process p = new ProcessBuilder(binary, "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Broker broker = new Broker(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return broker;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IOException("mosquitto exited with " + p.exitValue() + "; see " + dir, e);
                }
                Thread.sleep(20);
            }
        }
        broker.close();
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    private static String binary() throws IOException {
        for (String b : BINARIES) {
            if (Files.isExecutable(Path.of(b))) {
                return b;
            }
        }
        throw new IOException("mosquitto is not installed (apt-get install mosquitto)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crash: the broker sends nothing more. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
