package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder of {@code config-cases/} is one case: a {@code config.yaml} (an agent's, or a
 * listener's when it looks like one) and the exact lines
 * {@code vigie check} must print for it in {@code expected.txt}. The loader reads the file where
 * it lies; the folder's absolute path (with its trailing separator) is removed from every line, so
 * the file is written {@code config.yaml} and a referenced file {@code no-such.pass}.
 */
class ConfigCasesTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(root())) {
            List<String> names = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
            assertTrue(names.size() > 40, "config cases found in " + root() + ": " + names.size());
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedLines(String name) throws Exception {
        Path dir = root().resolve(name);
        Path expectedFile = dir.resolve("expected.txt");
        assertTrue(Files.exists(expectedFile), name + ": expected.txt is missing");
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertTrue(!expected.isEmpty(), name + ": expected.txt lists no problem (valid configurations go to ValidConfigTest)");
        try {
            Path config = dir.resolve("config.yaml");
            if (ListenerConfigLoader.looksLikeListener(config)) {
                ListenerConfigLoader.load(config, true);
            } else {
                AgentConfigLoader.load(config);
            }
            fail(name + ": loaded without a problem; expected\n" + String.join("\n", expected));
        } catch (ConfigException e) {
            String prefix = dir.toAbsolutePath() + File.separator;
            List<String> actual = e.lines().stream().map(l -> l.replace(prefix, "")).toList();
            assertEquals(String.join("\n", expected), String.join("\n", actual), name);
        }
    }

    private static Path root() throws URISyntaxException {
        return Path.of(ConfigCasesTest.class.getResource("/config-cases").toURI());
    }
}
