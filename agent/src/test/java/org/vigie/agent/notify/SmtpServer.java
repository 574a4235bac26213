package org.vigie.agent.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.vigie.agent.it.Mosquitto;

/** Debian's aiosmtpd ({@code notify/smtp_server.py}) on 127.0.0.1, with a self-signed certificate for 127.0.0.1. */
final class SmtpServer implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    final int port;
    final Path mail;
    final Path cert;
    private final Process process;

    /** @param mode plain, starttls or tls; {@code user} null: no AUTH */
    SmtpServer(Path dir, String mode, String user, String password) throws IOException, InterruptedException {
        assumeAiosmtpd();
        this.port = Mosquitto.freePort();
        this.mail = Files.createDirectories(dir.resolve("mail-" + mode));
        this.cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (!Files.exists(cert)) {
            Process ssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                    "-out", cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!ssl.waitFor(30, TimeUnit.SECONDS) || ssl.exitValue() != 0) {
                throw new IOException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
            }
        }
        Path script = dir.resolve("smtp_server.py");
        try (var in = SmtpServer.class.getResourceAsStream("/notify/smtp_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), "--port", Integer.toString(port),
                "--dir", mail.toString(), "--mode", mode, "--cert", cert.toString(), "--key", key.toString()));
        if (user != null) {
            cmd.addAll(List.of("--user", user, "--password", password));
        }
        process = new ProcessBuilder(cmd).redirectError(dir.resolve("smtp-" + mode + ".log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            process.destroy();
            throw new IOException("aiosmtpd did not start: " + line + " " + Files.readString(dir.resolve("smtp-" + mode + ".log")));
        }
    }

    static void assumeAiosmtpd() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 missing: e-mail tests skipped");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd").redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): e-mail tests skipped");
    }

    /** The messages received so far, in order. */
    List<String> messages() throws IOException {
        try (Stream<Path> files = Files.list(mail)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
