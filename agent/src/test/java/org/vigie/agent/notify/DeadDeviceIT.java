package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.Json;

/**
 * A UPS that does not answer (nothing on its UDP port) is one {@code ups-1.fault} alarm and one
 * notification, not one per channel; when a real snmpd starts answering on that port, the alarm
 * clears with one more notification, and no channel ever raised an alarm of its own.
 */
class DeadDeviceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ROOT = "vigie/it/room";

    @TempDir
    Path dir;

    @Test
    void aDeadUpsIsOneAlarmAndOneNotificationThenRecovers() throws Exception {
        Path snmpdBinary = Path.of("/usr/sbin/snmpd");
        Assumptions.assumeTrue(Files.isExecutable(snmpdBinary),
                "snmpd is not installed (apt-get install snmpd); .ci/run installs it");
        int port = freeUdpPort();
        Files.writeString(dir.resolve("community"), "public\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             WebhookServer hook = new WebhookServer();
             Subscriber alarms = new Subscriber(broker.url(), ROOT + "/alarms/#")) {
            Path config = Files.writeString(dir.resolve("agent.yaml"), String.join("\n",
                    "site: it", "agent: room", "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "sensors:",
                    "  - {id: ups-1, type: snmp, host: 127.0.0.1, port: " + port + ", community_file: community,"
                            + " profile: ups-mib, timeout: 200ms, retries: 0}",
                    "rules:",
                    "  - {id: on-battery, sensor: ups-1.on_battery, when: active, severity: critical}",
                    "notify:",
                    "  channels: [{id: chat, type: webhook, url: \"" + hook.url() + "\", timeout: 2s}]",
                    "  routes: [{alarms: [\"*.fault\", on-battery], channels: [chat]}]", ""));
            Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC());
            Notifier notifier = Notifier.attach(agent, Pacer.STORM_WINDOW);
            agent.start();
            try {
                alarms.await(ROOT + "/alarms/ups-1.fault", "state", "active", WAIT);
                hook.await(1, r -> field(r, "alarm").equals("ups-1.fault"), WAIT);
                Thread.sleep(3000); // six more failed polls, well past the per-channel settle time
                assertEquals(List.of("ups-1.fault active"), posted(hook), "one notification for the dead UPS");

                Process snmpd = snmpd(snmpdBinary, port);
                try {
                    alarms.await(ROOT + "/alarms/ups-1.fault", "state", "cleared", WAIT);
                    hook.await(2, r -> true, WAIT);
                    Thread.sleep(1500);
                } finally {
                    snmpd.destroy();
                    snmpd.waitFor();
                }
                assertEquals(List.of("ups-1.fault active", "ups-1.fault cleared"), posted(hook));
                Set<String> topics = new TreeSet<>();
                alarms.all().forEach(m -> topics.add(m.topic()));
                assertEquals(Set.of(ROOT + "/alarms/ups-1.fault"), topics, "no channel raised an alarm of its own");
            } finally {
                agent.close();
                notifier.close();
            }
        }
    }

    private Process snmpd(Path binary, int port) throws IOException, InterruptedException {
        Path d = Files.createDirectories(dir.resolve("snmpd/persist")).getParent();
        StringBuilder conf = new StringBuilder("rocommunity public 127.0.0.1\n");
        String[][] values = {{"1.2.1.0", "2"}, {"1.2.2.0", "0"}, {"1.2.3.0", "42"}, {"1.2.4.0", "100"},
            {"1.2.7.0", "25"}, {"1.3.3.1.3.1", "230"}, {"1.4.1.0", "3"}, {"1.4.4.1.5.1", "35"}, {"1.6.1.0", "0"}};
        for (String[] v : values) {
            conf.append("override .1.3.6.1.2.1.33.").append(v[0]).append(" integer ").append(v[1]).append('\n');
        }
        Files.writeString(d.resolve("snmpd.conf"), conf);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-f", "-Lo", "-C", "-c", d.resolve("snmpd.conf").toString(),
                "-I", "-smux", "udp:127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(d.resolve("log").toFile());
        pb.environment().put("MIBS", "");
        pb.environment().put("SNMP_PERSISTENT_DIR", d.resolve("persist").toString());
        Process p = pb.start();
        long end = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(d.resolve("log")).contains("NET-SNMP version")) {
            if (!p.isAlive() || System.nanoTime() > end) {
                throw new IllegalStateException("snmpd did not start:\n" + Files.readString(d.resolve("log")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static List<String> posted(WebhookServer hook) {
        return hook.requests().stream().map(r -> field(r, "alarm") + " " + field(r, "state")).toList();
    }

    private static String field(WebhookServer.Request r, String name) {
        try {
            return Json.MAPPER.readTree(r.body()).path(name).asText();
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
