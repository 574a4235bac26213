package org.vigie.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.shutdown.Keys;

/**
 * Loads and validates a listener configuration completely before anything starts: every problem
 * is reported, not only the first, each as {@code FILE:LINE:COL: PATH: message}.
 */
public final class ListenerConfigLoader {

    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/vigie-listener");

    private ListenerConfigLoader() {
    }

    /**
     * Whether {@code file} reads as a listener configuration (a top-level {@code host} and no
     * {@code agent}); {@code false} for anything else, including files that cannot be read.
     */
    public static boolean looksLikeListener(Path file) {
        try {
            Located root = ConfigFile.read(file, new Problems());
            return root.has("host") && !root.has("agent");
        } catch (ConfigException e) {
            return false;
        }
    }

    public static ListenerConfig load(Path file) throws ConfigException {
        return load(file, false);
    }

    /**
     * @param probeStateDir also check, for real, that {@code state_dir} can be created and written
     *                      ({@code vigie check}); {@code vigie listen} finds out when it opens it, and
     *                      exits 1 then, as a runtime failure
     */
    public static ListenerConfig load(Path file, boolean probeStateDir) throws ConfigException {
        Problems problems = new Problems();
        Located root = ConfigFile.read(file, problems);
        ListenerConfig config = parse(root, file, probeStateDir);
        root.reportUnknownKeys();
        ConfigFile.finish(file, problems);
        return config;
    }

    private static ListenerConfig parse(Located root, Path file, boolean probeStateDir) {
        String site = root.identifier("site", true).orElse("site");
        String host = root.identifier("host", true).orElse("host");
        Path stateDir = root.string("state_dir").map(s -> ConfigFile.resolve(file, s)).orElse(DEFAULT_STATE_DIR);
        // The default is created by the unit's StateDirectory=; anything else must be usable now.
        String unusable = probeStateDir && (root.has("state_dir") || java.nio.file.Files.exists(stateDir))
                ? StateDirCheck.problem(stateDir) : null;
        if (unusable != null) {
            root.problem("state_dir", unusable);
        }
        MqttConfig mqtt = MqttParser.parse(root, "vigie-listen-" + site + "-" + host, file);
        List<String> groups = groups(root);
        List<ListenerConfig.TrustedKey> keys = trustedKeys(root, file);
        List<String> command = command(root);
        boolean dryRun = root.bool("dry_run").orElse(false);
        return new ListenerConfig(file, site, host, stateDir, mqtt, groups, keys, command, dryRun);
    }

    private static List<String> groups(Located root) {
        List<Located.Item> items = nonEmptyList(root, "groups", "the shutdown groups this host answers to, like [rack-a-db]");
        List<String> out = new ArrayList<>();
        for (Located.Item item : items) {
            if (!Located.IDENTIFIER.matcher(item.text()).matches()) {
                root.problem(item, "must match [a-z0-9][a-z0-9_-]*, was " + item.text());
            } else if (out.contains(item.text())) {
                root.problem(item, "duplicate group " + item.text());
            } else {
                out.add(item.text());
            }
        }
        return List.copyOf(out);
    }

    private static List<ListenerConfig.TrustedKey> trustedKeys(Located root, Path file) {
        List<Located.Item> items = nonEmptyList(root, "trusted_keys",
                "the public keys (vigie keygen's .pub files) whose commands this host obeys");
        Map<String, ListenerConfig.TrustedKey> out = new LinkedHashMap<>();
        for (Located.Item item : items) {
            Path p = ConfigFile.resolve(file, item.text());
            if (!Files.isReadable(p)) {
                root.problem(item, "cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
                continue;
            }
            PublicKey key;
            try {
                key = Keys.readPublic(p);
            } catch (IOException e) {
                root.problem(item, Errors.describe(e));
                continue;
            }
            String id = Keys.id(key);
            ListenerConfig.TrustedKey previous = out.putIfAbsent(id, new ListenerConfig.TrustedKey(p, id, key));
            if (previous != null) {
                root.problem(item, "the same key (id " + id + ") as " + previous.file());
            }
        }
        return List.copyOf(out.values());
    }

    private static List<String> command(Located root) {
        List<Located.Item> items = nonEmptyList(root, "command",
                "the argv to run, like [\"/usr/bin/systemctl\", \"poweroff\"]");
        if (items.isEmpty()) {
            return List.of();
        }
        Located.Item first = items.get(0);
        Path program = Path.of(first.text());
        if (!program.isAbsolute()) {
            root.problem(first, "must be an absolute path (the command runs without a shell or PATH), was "
                    + first.text());
        } else if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            root.problem(first, "cannot run " + program + ": "
                    + (Files.exists(program) ? "not an executable file" : "no such file"));
        }
        return items.stream().map(Located.Item::text).toList();
    }

    private static List<Located.Item> nonEmptyList(Located root, String key, String what) {
        if (!root.has(key)) {
            root.problem(key, "missing: " + what);
            return List.of();
        }
        List<Located.Item> items = root.items(key).orElse(List.of());
        if (root.node(key).filter(n -> n instanceof Node.Sequence s && s.items().isEmpty()).isPresent()) {
            root.problem(key, "must not be empty: " + what);
        }
        return items;
    }
}
