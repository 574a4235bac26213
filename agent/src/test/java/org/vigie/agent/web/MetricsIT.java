package org.vigie.agent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.it.Mosquitto;

/** {@code /metrics} scraped by a real Prometheus, with the broker down; linted by promtool. */
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesTheAgentAndAStaleChannelOnlyFlipsItsUpSeries() throws Exception {
        Path fifo = dir.resolve("temp-fifo");
        try (WebRig rig = new WebRig(dir, Mosquitto.freePort(), null);
             Prometheus prom = Prometheus.scraping(dir.resolve("prom"), "127.0.0.1:" + rig.web.port())) {
            WebRig.await(() -> String.valueOf(prom.targetHealth()).startsWith("up"), WAIT, "the target up");
            WebRig.await(() -> Objects.equals(24.5, prom.value("vigie_temperature_celsius{channel=\"room-temp\"}")), WAIT,
                    "24.5 °C in Prometheus");
            Files.writeString(rig.temp, "26250\n");
            WebRig.await(() -> Objects.equals(26.25, prom.value("vigie_temperature_celsius{channel=\"room-temp\"}")), WAIT,
                    "the value written into the file: 26.25 °C");
            assertEquals(0.41, prom.value("vigie_humidity_ratio{channel=\"humidity\"}"), 1e-9, "percent as a ratio");
            assertEquals(0.0, prom.value("vigie_broker_connected"), "served with the broker down");
            assertEquals(1.0, prom.value("vigie_build_info{site=\"it\",agent=\"room\"}"));
            Set<String> before = series(rig.get("/metrics").body());

            // A read that never returns (a FIFO with no writer) makes the channel stale.
            Files.delete(rig.temp);
            assertEquals(0, new ProcessBuilder("mkfifo", rig.temp.toString()).start().waitFor());
            WebRig.await(() -> Objects.equals(0.0, prom.value("vigie_channel_up{channel=\"room-temp\"}")), WAIT,
                    "vigie_channel_up 0 once stale");
            assertEquals("stale", rig.state().path("channels").path("room-temp").path("quality").asText());
            Set<String> after = series(rig.get("/metrics").body());
            assertTrue(before.containsAll(after), "no new series: " + diff(after, before));
            assertEquals(1.0, prom.value("count(vigie_channel_up{channel=\"room-temp\"})"), "one up series, ever");
            assertEquals(null, prom.value("count({job=\"vigie\",quality!=\"\"})"), "quality is never a label");
            try (OutputStream unblock = Files.newOutputStream(rig.temp)) {
                unblock.write("25000\n".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(fifo);
        }
    }

    @Test
    void promtoolAcceptsTheTextAndOpenMetricsIsServedWhenAsked() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed (package prometheus)");
        try (WebRig rig = new WebRig(dir, Mosquitto.freePort(), null)) {
            Files.writeString(rig.temp, "33500\n");
            WebRig.await(() -> rig.agent.view().alarms().size() > 0, WAIT, "an alarm, so vigie_alarm_active has a sample");
            String text = rig.get("/metrics").body();
            assertTrue(text.contains("vigie_alarm_active{alarm=\"room-hot\",severity=\"critical\"} 1"), text);
            Process p = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "promtool check metrics: " + said + "\n" + text);
            assertEquals("", said.strip(), "no lint remark");

            HttpResponse<String> om = rig.get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertTrue(om.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
            assertTrue(om.body().endsWith("# EOF\n"), om.body());
        }
    }

    /** Every sample's name and labels (the value dropped). */
    static Set<String> series(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return out;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
