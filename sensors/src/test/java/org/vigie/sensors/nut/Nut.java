package org.vigie.sensors.nut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.vigie.sensors.Peer;

/**
 * A real NUT {@code upsd} with a {@code dummy-ups} driver named {@code dummy}, run from a test
 * directory (NUT_CONFPATH, NUT_STATEPATH) on 127.0.0.1. The test changes the UPS with
 * {@link #ups(String)}: dummy-ups rereads its file when its whole-second mtime changes, so each
 * write gets an mtime at least one second after the previous one.
 */
final class Nut implements AutoCloseable {

    static final String USER = "vigie";
    static final String PASSWORD = "nut-pass-123";

    private final Path dir;
    private final int port;
    private Instant mtime = Instant.EPOCH;
    private Peer driver;
    private Peer upsd;

    Nut(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("state"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.writeString(dir.resolve("conf/ups.conf"), """
                [dummy]
                driver = dummy-ups
                port = dummy.dev
                desc = "vigie test UPS"
                pollinterval = 1
                """);
        Files.writeString(dir.resolve("conf/upsd.conf"), "LISTEN 127.0.0.1 " + port + "\n");
        Files.writeString(dir.resolve("conf/upsd.users"), "[" + USER + "]\n  password = " + PASSWORD + "\n");
        Files.writeString(dir.resolve("conf/nut.conf"), "MODE=standalone\n");
        ups("ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\ninput.voltage: 230.0\nups.load: 23\n");
    }

    int port() {
        return port;
    }

    /**
     * Gives upsd a certificate for 127.0.0.1 (made with keytool, imported into an NSS database
     * with certutil and pk12util, as Debian's upsd is built with NSS) so it offers STARTTLS.
     * Call before {@link #start()}. Returns the certificate as PEM, to trust.
     */
    Path tls() throws IOException, InterruptedException {
        Path certutil = Peer.require("/usr/bin/certutil", "libnss3-tools");
        Path pk12util = Peer.require("/usr/bin/pk12util", "libnss3-tools");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path db = Files.createDirectories(dir.resolve("certdb"));
        Path p12 = dir.resolve("upsd.p12");
        Path pem = dir.resolve("upsd.pem");
        run(keytool, "-genkeypair", "-alias", "upsd", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "upsd", "-keystore", p12.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        run(certutil.toString(), "-N", "-d", "sql:" + db, "--empty-password");
        run(pk12util.toString(), "-i", p12.toString(), "-d", "sql:" + db, "-W", "changeit");
        Files.writeString(dir.resolve("conf/upsd.conf"), "CERTPATH " + db + "\nCERTIDENT \"upsd\" \"\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        return pem;
    }

    private void run(String... command) throws IOException, InterruptedException {
        int exit = Peer.run("tls-setup", dir, Map.of(), List.of(command));
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                    + Files.readString(dir.resolve("tls-setup.log")));
        }
    }

    /** Rewrites the dummy UPS's variables ({@code name: value} lines). */
    synchronized void ups(String dev) throws IOException {
        Path file = dir.resolve("conf/dummy.dev");
        Files.writeString(file, dev);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        mtime = now.isAfter(mtime) ? now : mtime.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    private Map<String, String> env() {
        return Map.of("NUT_CONFPATH", dir.resolve("conf").toString(), "NUT_STATEPATH", dir.resolve("state").toString());
    }

    Nut start() throws IOException, InterruptedException {
        startDriver();
        startUpsd();
        return this;
    }

    void startDriver() throws IOException, InterruptedException {
        Path bin = Peer.require("/lib/nut/dummy-ups", "nut-server");
        driver = Peer.start("dummy-ups", dir, env(), List.of(bin.toString(), "-a", "dummy", "-u", "root", "-F"));
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(dir.resolve("state/dummy-ups-dummy")) && System.nanoTime() < end && driver.alive()) {
            Thread.sleep(20);
        }
        if (!Files.exists(dir.resolve("state/dummy-ups-dummy"))) {
            throw new IllegalStateException("dummy-ups did not open its socket:\n" + driver.log());
        }
    }

    void startUpsd() throws IOException, InterruptedException {
        Path bin = Peer.require("/lib/nut/upsd", "nut-server");
        upsd = Peer.start("upsd", dir, env(), List.of(bin.toString(), "-u", "root", "-F"));
        upsd.awaitLog("listening on 127.0.0.1 port " + port, Duration.ofSeconds(10));
    }

    void stopDriver() throws InterruptedException {
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }

    void stopUpsd() throws InterruptedException {
        if (upsd != null) {
            upsd.close();
            upsd = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopUpsd();
        stopDriver();
    }
}
