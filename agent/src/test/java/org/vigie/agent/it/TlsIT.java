package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/** The agent on a Mosquitto TLS listener that requires a client certificate (mutual TLS). */
class TlsIT {
    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl " + cmd + ": " + Files.readString(dir.resolve("openssl.log")));
        }
    }

    private void cert(String name, String subject, String ext) throws Exception {
        cert(name, subject, ext, "2");
    }

    private void cert(String name, String subject, String ext, String days) throws Exception {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        Files.writeString(dir.resolve(name + ".ext"), ext);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", days, "-extfile", name + ".ext");
    }

    @BeforeEach
    void pki() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=vigie test CA");
        cert("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\n");
        cert("client", "/CN=vigie-agent", "extendedKeyUsage=clientAuth\n");
        cert("expired", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\n", "-1");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.pem",
                "-days", "2", "-subj", "/CN=another CA");
    }

    private Path config(int port, String ca) throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "20\n");
        Path config = dir.resolve("agent-" + ca + ".yaml");
        Files.writeString(config, "site: it\nagent: tls\nstate_dir: " + dir.resolve("state-" + ca) + "\n"
                + "mqtt: {urls: [ssl://127.0.0.1:" + port + "], tls: {ca: " + dir.resolve(ca) + ", cert: "
                + dir.resolve("client.pem") + ", key: " + dir.resolve("client.key") + "}}\n"
                + "sensors: [{id: t, type: file, path: " + value + "}]\n");
        return config;
    }

    @Test
    void connectsWithMutualTlsAndRefusesABrokerItsCaDidNotSign() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).with(
                "cafile " + dir.resolve("ca.pem"), "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"), "require_certificate true").start()) {
            Path good = config(broker.port(), "ca.pem");
            Path wrong = config(broker.port(), "other.pem");
            try (Agent agent = new Agent(AgentConfigLoader.load(good), Clock.systemUTC())) {
                agent.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (!agent.link().connected() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                org.junit.jupiter.api.Assertions.assertTrue(agent.link().connected(), "connected over mutual TLS");
            }
            try (Agent agent = new Agent(AgentConfigLoader.load(wrong), Clock.systemUTC())) {
                agent.start();
                Thread.sleep(2000);
                assertFalse(agent.link().connected(), "a broker certificate from another CA is refused");
            }
        }
    }

    @Test
    void refusesABrokerWhoseCertificateHasExpired() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).with(
                "cafile " + dir.resolve("ca.pem"), "certfile " + dir.resolve("expired.pem"),
                "keyfile " + dir.resolve("expired.key")).start();
             Agent agent = new Agent(AgentConfigLoader.load(config(broker.port(), "ca.pem")), Clock.systemUTC())) {
            agent.start();
            Thread.sleep(2000);
            assertFalse(agent.link().connected(), "an expired broker certificate is refused");
        }
    }
}
