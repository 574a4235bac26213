package org.vigie.agent.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads and validates a fleet board configuration (SPEC §8) completely before anything starts:
 * every problem is reported, each as {@code FILE:LINE:COL: PATH: message}.
 */
public final class BoardConfigLoader {

    static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/vigie-board");
    static final Duration DEFAULT_OFFLINE_AFTER = Duration.ofSeconds(60);
    static final Duration MIN_OFFLINE_AFTER = Duration.ofSeconds(2);

    private BoardConfigLoader() {
    }

    /** Whether {@code file} reads as a board configuration (a top-level {@code board}). */
    public static boolean looksLikeBoard(Path file) {
        try {
            return ConfigFile.read(file, new Problems()).has("board");
        } catch (ConfigException e) {
            return false;
        }
    }

    public static BoardConfig load(Path file) throws ConfigException {
        Problems problems = new Problems();
        Located root = ConfigFile.read(file, problems);
        BoardConfig config = parse(root, file);
        root.reportUnknownKeys();
        ConfigFile.finish(file, problems);
        return config;
    }

    private static BoardConfig parse(Located root, Path file) {
        String board = root.identifier("board", true).orElse("board");
        Path stateDir = root.string("state_dir").map(s -> ConfigFile.resolve(file, s)).orElse(DEFAULT_STATE_DIR);
        MqttConfig mqtt = MqttParser.parse(root, "vigie-board-" + board, file);
        List<String> sites = sites(root);
        Duration offlineAfter = root.duration("offline_after").orElse(DEFAULT_OFFLINE_AFTER);
        if (offlineAfter.compareTo(MIN_OFFLINE_AFTER) < 0) {
            root.problem("offline_after", "must be at least 2s (an agent publishes every telemetry.interval), was "
                    + Durations.format(offlineAfter));
        }
        InetSocketAddress http = root.mapping("http").map(h -> listen(h)).orElse(null);
        BoardConfig.Public pub = root.mapping("public").map(p -> pub(p, file, sites)).orElse(null);
        return new BoardConfig(file, board, stateDir, mqtt, sites, offlineAfter, http, pub);
    }

    private static List<String> sites(Located root) {
        if (!root.has("sites")) {
            return List.of();
        }
        List<Located.Item> items = root.items("sites").orElse(List.of());
        if (items.size() == 1 && items.get(0).text().equals("*")) {
            return List.of();
        }
        if (items.isEmpty()) {
            root.problem("sites", "must list site ids, or [\"*\"] for every site");
        }
        List<String> out = new ArrayList<>();
        for (Located.Item item : items) {
            if (item.text().equals("*")) {
                root.problem(item, "\"*\" stands alone: it already means every site");
            } else if (!Located.IDENTIFIER.matcher(item.text()).matches()) {
                root.problem(item, "must match [a-z0-9][a-z0-9_-]*, was " + item.text());
            } else if (out.contains(item.text())) {
                root.problem(item, "duplicate site " + item.text());
            } else {
                out.add(item.text());
            }
        }
        return List.copyOf(out);
    }

    private static InetSocketAddress listen(Located http) {
        String text = http.requiredString("listen").orElse(null);
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        int port = -1;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            http.problem("listen", "must be HOST:PORT like 0.0.0.0:8090, was " + text);
            return null;
        }
        return new InetSocketAddress(host, port);
    }

    private static BoardConfig.Public pub(Located p, Path file, List<String> sites) {
        Path dir = p.requiredString("dir").map(s -> ConfigFile.resolve(file, s)).orElse(null);
        String title = p.string("title").orElse("Status");
        Severity severity = p.choice("incident_severity", Set.of("info", "warning", "critical"))
                .map(Severity::of).orElse(Severity.CRITICAL);
        List<BoardConfig.Component> components = new ArrayList<>();
        if (!p.has("components")) {
            p.problem("components", "missing: what the public sees, like [{name: \"Paris, room B1\", site: dc1, agents: [room-b1]}]");
        }
        Set<String> names = new HashSet<>();
        Set<String> covered = new HashSet<>();
        for (Located c : p.mappings("components").orElse(List.of())) {
            String name = c.requiredString("name").orElse(null);
            if (name != null && (name.isBlank() || !names.add(name))) {
                c.problem("name", name.isBlank() ? "must not be blank" : "duplicate component name " + name);
            }
            String site = c.identifier("site", true).orElse(null);
            if (site != null && !sites.isEmpty() && !sites.contains(site)) {
                c.problem("site", "site " + site + " is not among the followed sites " + sites);
            }
            List<String> agents = new ArrayList<>();
            if (!c.has("agents")) {
                c.problem("agents", "missing: the agents whose alarms make this component's state, like [room-b1]");
            }
            for (Located.Item a : c.items("agents").orElse(List.of())) {
                if (!Located.IDENTIFIER.matcher(a.text()).matches()) {
                    c.problem(a, "must match [a-z0-9][a-z0-9_-]*, was " + a.text());
                } else if (site != null && !covered.add(site + "/" + a.text())) {
                    c.problem(a, "agent " + a.text() + " of site " + site + " is already in another component");
                } else {
                    agents.add(a.text());
                }
            }
            if (name != null && site != null) {
                components.add(new BoardConfig.Component(name, site, List.copyOf(agents)));
            }
        }
        return new BoardConfig.Public(dir, title, List.copyOf(components), severity);
    }
}
