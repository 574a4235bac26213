package org.vigie.sensors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real peer (snmpd, upsd, dummy-ups…) started by an integration test in its own directory,
 * on 127.0.0.1, with its output in a log file; stopped by the test.
 */
public final class Peer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private Peer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Skips the calling test (JUnit assumption) when {@code binary} is not installed. */
    public static Path require(String binary, String debianPackage) {
        Path p = Path.of(binary);
        assumeTrue(Files.isExecutable(p), binary + " is not installed (Debian package " + debianPackage
                + "; .ci/run installs it): skipping this integration test");
        return p;
    }

    /** Starts {@code command} with {@code env} added, output to {@code dir/NAME.log}. */
    public static Peer start(String name, Path dir, Map<String, String> env, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        return new Peer(name, pb.start(), log);
    }

    /** Waits until the log holds {@code text}; fails with the log when it does not in time or the peer dies. */
    public Peer awaitLog(String text, Duration within) throws IOException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (log().contains(text)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + " did not log '" + text + "' within " + within + ":\n" + log());
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A UDP port free on 127.0.0.1 now. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether this machine has the IPv6 loopback ::1 (containers may not). */
    public static boolean hasIpv6Loopback() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("::1"))) {
            return s.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A TCP port free on 127.0.0.1 now. */
    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a short command to its end (at most 10 s), returning its exit code; output goes to {@code dir/NAME.log}. */
    public static int run(String name, Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        try (Peer p = start(name, dir, env, command)) {
            if (!p.process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not end within 10 s:\n" + p.log());
            }
            return p.process.exitValue();
        }
    }
}
