package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/**
 * A vendor profile end to end: the agent polls a simulated APC card (snmpsimd) whose charge is
 * unknown, publishes the card's identity once at sensors/ups-1/info, never alarms on the -1, and
 * an APC upsOnBattery trap (SNMPv1, enterprise 318) is an event naming it.
 */
class VendorProfileIT {

    private static final String WALK = String.join("\n",
            "1.3.6.1.4.1.318.1.1.1.1.1.1.0|4|Smart-UPS 1500",
            "1.3.6.1.4.1.318.1.1.1.1.2.1.0|4|UPS 09.3 (ID18)",
            "1.3.6.1.4.1.318.1.1.1.1.2.3.0|4|AS1503123456",
            "1.3.6.1.4.1.318.1.1.1.2.1.1.0|2|2",
            "1.3.6.1.4.1.318.1.1.1.2.1.2.0|67|0",
            "1.3.6.1.4.1.318.1.1.1.2.2.1.0|66|4294967295",
            "1.3.6.1.4.1.318.1.1.1.2.2.2.0|66|27",
            "1.3.6.1.4.1.318.1.1.1.2.2.3.0|67|288050",
            "1.3.6.1.4.1.318.1.1.1.2.2.4.0|2|1",
            "1.3.6.1.4.1.318.1.1.1.2.2.8.0|2|27",
            "1.3.6.1.4.1.318.1.1.1.3.2.1.0|66|231",
            "1.3.6.1.4.1.318.1.1.1.3.2.4.0|66|50",
            "1.3.6.1.4.1.318.1.1.1.4.1.1.0|2|2",
            "1.3.6.1.4.1.318.1.1.1.4.2.1.0|66|230",
            "1.3.6.1.4.1.318.1.1.1.4.2.3.0|66|23", "");

    @TempDir
    Path dir;

    @Test
    void apcCardIdentityUnknownChargeAndTrap() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/snmpsimd")),
                "snmpsimd is not installed (apt-get install snmpsim); .ci/run installs it");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/snmptrap")),
                "snmptrap is not installed (apt-get install snmp); .ci/run installs it");
        Path sim = Files.createTempDirectory("vigie-snmpsim");
        Files.setPosixFilePermissions(sim, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path data = Files.createDirectories(sim.resolve("data"));
        Path cache = Files.createDirectories(sim.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(data.resolve("public.snmprec"), WALK);
        int simPort = freeUdpPort();
        int trapPort = freeUdpPort();
        Files.writeString(dir.resolve("community"), "public\n");
        Process snmpsim = new ProcessBuilder("/usr/bin/snmpsimd", "--data-dir=" + data,
                "--agent-udpv4-endpoint=127.0.0.1:" + simPort, "--process-user=nobody", "--process-group=nogroup",
                "--cache-dir=" + cache).redirectErrorStream(true).redirectOutput(dir.resolve("snmpsim.log").toFile())
                .start();
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/it/p/#")) {
            awaitLog(dir.resolve("snmpsim.log"), "Listening at UDP/IPv4 endpoint");
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, String.join("\n",
                    "site: it",
                    "agent: p",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "snmp_traps: {listen: \"127.0.0.1:" + trapPort + "\", community_file: " + dir.resolve("community") + "}",
                    "sensors:",
                    "  - {id: ups-1, type: snmp, host: 127.0.0.1, port: " + simPort + ", community_file: "
                            + dir.resolve("community") + ", profile: apc-ups, interval: 1s, timeout: 2s, retries: 0}",
                    "rules:",
                    "  - {id: ups-charge-low, sensor: ups-1.charge_pct, below: {critical: 20}}",
                    ""));
            try (Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC())) {
                agent.start();
                JsonNode info = sub.await(r -> r.topic().equals("vigie/it/p/sensors/ups-1/info"),
                        Duration.ofSeconds(20), "the card's identity").json();
                assertEquals("APC", info.get("mfr").asText());
                assertEquals("Smart-UPS 1500", info.get("model").asText());
                assertEquals("AS1503123456", info.get("serial").asText());
                assertEquals("snmp", info.get("type").asText());

                JsonNode charge = sub.await(r -> r.topic().equals("vigie/it/p/sensors/ups-1.charge_pct"),
                        Duration.ofSeconds(10), "charge").json();
                assertEquals("fault", charge.get("quality").asText());
                assertTrue(charge.get("problem").asText().endsWith(
                        "not reported by the device (-1, sent as the unsigned 4294967295)"), charge.toString());
                JsonNode runtime = sub.await(r -> r.topic().equals("vigie/it/p/sensors/ups-1.runtime_s"),
                        Duration.ofSeconds(10), "runtime").json();
                assertEquals("2880.5", runtime.get("value").asText(), "TimeTicks × 0.01, no noise");

                Process trap = new ProcessBuilder("/usr/bin/snmptrap", "-v", "1", "-c", "public", "-m", "",
                        "127.0.0.1:" + trapPort, "1.3.6.1.4.1.318", "127.0.0.1", "6", "5", "")
                        .redirectErrorStream(true).start();
                trap.waitFor(10, TimeUnit.SECONDS);
                JsonNode e = sub.await("vigie/it/p/events", "type", "trap", Duration.ofSeconds(10)).json();
                assertEquals("1.3.6.1.4.1.318.0.5", e.get("trap").asText());
                assertEquals("upsOnBattery (PowerNet-MIB)", e.get("name").asText());
                assertEquals("ups-1", e.get("sensors").get(0).asText());

                long infos = sub.all().stream().filter(r -> r.topic().endsWith("/ups-1/info")).count();
                assertEquals(1, infos, "the identity is published once");
                assertFalse(sub.all().stream().anyMatch(r -> r.topic().equals("vigie/it/p/alarms/ups-charge-low")),
                        "an unknown charge is never a low charge");
            }
        } finally {
            snmpsim.destroy();
            snmpsim.waitFor(5, TimeUnit.SECONDS);
            try (var files = Files.walk(sim)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("snmpsimd did not start:\n" + Files.readString(log));
    }
}
