package org.vigie.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.history.HistoryStore;
import org.vigie.agent.run.Agent;
import org.vigie.agent.web.WebServer;
import org.vigie.sensors.Reading;

/**
 * The operator's view at 100 channels read every second: (1) seven days of history written
 * through the store's API as fast as it goes (disk use, write calls and bytes per simulated hour);
 * (2) an agent serving that history: {@code /api/history} for a 7-day plot, {@code /metrics} and
 * {@code /api/state} (median and p99), the page's first-load transfer, and the time from a
 * reading to {@code /api/state} showing it.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar org.vigie.bench.OperatorView [--days 7] [--requests 500]}
 */
public final class OperatorView {
    private static final int CHANNELS = 100;

    public static void main(String[] args) throws Exception {
        int days = 7;
        int requests = 500;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("vigie-view-");
        try {
            AgentConfig cfg = Harness.config(dir, config(dir));
            history(cfg, days);
            serve(cfg, requests);
        } finally {
            Harness.delete(dir);
        }
    }

    private static List<String> config(Path dir) {
        List<String> lines = new ArrayList<>(List.of("site: bench", "agent: view", "state_dir: " + dir.resolve("state"),
                "mqtt: {urls: [tcp://127.0.0.1:1]}", "http: {listen: '127.0.0.1:0'}", "history: {retain: 7d}", "sensors:"));
        for (int i = 0; i < CHANNELS; i++) {
            lines.add(String.format(Locale.ROOT, "  - {id: t%02d, type: sim, unit: \"°C\", kind: temperature, interval: 1s, "
                    + "values: [{at: 0s, value: 22.5}]}", i));
        }
        // Read once an hour: the reading-to-page probe feeds it by hand without a poller overwriting it.
        lines.add("  - {id: probe, type: sim, unit: \"°C\", kind: temperature, interval: 1h, values: [{at: 0s, value: 20}]}");
        lines.add("rules:");
        lines.add("  - {id: t00-hot, sensor: t00, above: {warning: 27, critical: 32}}");
        return lines;
    }

    /** Writes {@code days} of one reading a second per channel, ending now, flushing every simulated minute. */
    private static void history(AgentConfig cfg, int days) throws IOException {
        long seconds = days * 86_400L;
        long start = Instant.now().toEpochMilli() - seconds * 1000;
        long t0 = System.nanoTime();
        long[] ioBefore = null;
        long[] ioHour = null;
        try (HistoryStore store = HistoryStore.open(cfg.stateDir(), cfg.history().retain(), cfg.sensors())) {
            for (long s = 0; s < seconds; s++) {
                Instant ts = Instant.ofEpochMilli(start + s * 1000 + 137);
                for (int c = 0; c < CHANNELS; c++) {
                    double v = 22 + 3 * Math.sin((s + c * 600) / 3600.0 * Math.PI) + (s % 7) * 0.01;
                    store.record(Reading.number(String.format(Locale.ROOT, "t%02d", c), v, ts));
                }
                if (s % 60 == 59) {
                    if (s == seconds - 3600 - 1) {
                        ioBefore = io();
                    }
                    store.flush();
                    if (s == seconds - 1) {
                        ioHour = io();
                    }
                }
            }
        }
        double took = (System.nanoTime() - t0) / 1e9;
        long bytes = 0;
        try (var files = Files.list(cfg.stateDir().resolve("history"))) {
            for (Path p : files.toList()) {
                bytes += Files.size(p);
            }
        }
        Process du = new ProcessBuilder("du", "-sk", cfg.stateDir().resolve("history").toString()).start();
        String allocated = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s")[0];
        System.out.printf(Locale.ROOT, "history: %d channels x %d days at 1 s written in %.1f s%n", CHANNELS, days, took);
        System.out.printf(Locale.ROOT, "history on disk: %.1f MB apparent, %.1f MB allocated (du -sk: %s KiB)%n", bytes / 1e6,
                Long.parseLong(allocated) * 1024 / 1e6, allocated);
        if (ioBefore != null && ioHour != null) {
            System.out.printf(Locale.ROOT, "history writes in the last simulated hour (60 flushes): %d write calls, %.2f MB%n",
                    ioHour[0] - ioBefore[0], (ioHour[1] - ioBefore[1]) / 1e6);
        }
    }

    /** {@code syscw} and {@code wchar} of this process. */
    private static long[] io() throws IOException {
        long calls = 0;
        long chars = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("syscw:")) {
                calls = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("wchar:")) {
                chars = Long.parseLong(line.substring(6).trim());
            }
        }
        return new long[] {calls, chars};
    }

    private static void serve(AgentConfig cfg, int requests) throws Exception {
        try (Agent agent = new Agent(cfg, Clock.systemUTC())) {
            WebServer web = WebServer.attach(agent);
            agent.start();
            String base = "http://127.0.0.1:" + web.port();
            HttpClient http = HttpClient.newHttpClient();
            Thread.sleep(3000);
            System.out.println(timed(http, base + "/api/history?channel=t00&since=7d", requests).line("GET /api/history 7 d (gzip)"));
            System.out.println(timed(http, base + "/api/history?channel=t00&since=24h", requests).line("GET /api/history 24 h (gzip)"));
            System.out.println(timed(http, base + "/api/history?channel=t00&since=1h", requests).line("GET /api/history 1 h (gzip)"));
            System.out.println(timed(http, base + "/metrics", requests * 4).line("GET /metrics, 100 channels"));
            System.out.println(timed(http, base + "/api/state", requests * 4).line("GET /api/state, 100 channels (gzip)"));
            transfer(http, base);
            readingToState(agent, http, base);
        }
    }

    private static Stats timed(HttpClient http, String url, int n) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build();
        for (int i = 0; i < Math.min(100, n); i++) {
            http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            t[i] = System.nanoTime() - s;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + ": " + r.statusCode());
            }
        }
        return new Stats(t);
    }

    /** What a phone downloads at first load: the page, its assets, the state, the journal, and the plots in view. */
    private static void transfer(HttpClient http, String base) throws Exception {
        long assets = 0;
        for (String p : List.of("/", "/style.css", "/app.js", "/plots.js", "/format.js", "/uplot/uPlot.iife.min.js",
                "/uplot/uPlot.min.css")) {
            assets += size(http, base + p);
        }
        long state = size(http, base + "/api/state");
        long events = size(http, base + "/api/events?after_seq=0");
        long plot = size(http, base + "/api/history?channel=t01&since=1h");
        System.out.printf(Locale.ROOT, "first load, gzipped bodies: assets %.1f KB + state %.1f KB + events %.1f KB"
                + " + 1 h history %.1f KB per plot in view -> %.1f KB with 3 plots in view (a phone), %.1f KB with all 100%n",
                assets / 1e3, state / 1e3, events / 1e3, plot / 1e3, (assets + state + events + 3 * plot) / 1e3,
                (assets + state + events + CHANNELS * plot) / 1e3);
    }

    private static long size(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.body().length;
    }

    /** From a reading entering the agent to /api/state carrying it (the page then shows it at its next poll, within 1 s). */
    private static void readingToState(Agent agent, HttpClient http, String base) throws Exception {
        long[] t = new long[50];
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/state")).build();
        for (int i = 0; i < t.length; i++) {
            String value = String.format(Locale.ROOT, "%.3f", 40 + i * 0.001);
            long s = System.nanoTime();
            agent.accept(Reading.number("probe", Double.parseDouble(value), Instant.now()));
            while (!http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body()
                    .contains("\"value\":" + Double.parseDouble(value))) {
                Thread.sleep(1);
            }
            t[i] = System.nanoTime() - s;
            Thread.sleep(200);
        }
        System.out.println(new Stats(t).line("reading -> /api/state"));
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }
}
