package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder of {@code board-config-cases/} is one board configuration and the exact lines
 * {@code vigie check} must print for it, as {@link ConfigCasesTest} does for agents.
 */
class BoardConfigCasesTest {

    static Stream<String> cases() throws Exception {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedLines(String name) throws Exception {
        Path dir = root().resolve(name);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertTrue(!expected.isEmpty(), name + ": expected.txt lists no problem");
        assertTrue(BoardConfigLoader.looksLikeBoard(dir.resolve("config.yaml")), name + ": not recognised as a board file");
        try {
            BoardConfigLoader.load(dir.resolve("config.yaml"));
            fail(name + ": loaded without a problem; expected\n" + String.join("\n", expected));
        } catch (ConfigException e) {
            String prefix = dir.toAbsolutePath() + File.separator;
            List<String> actual = e.lines().stream().map(l -> l.replace(prefix, "")).toList();
            assertEquals(String.join("\n", expected), String.join("\n", actual), name);
        }
    }

    @org.junit.jupiter.api.Test
    void theFleetExampleIsValid() throws Exception {
        Path example = Path.of("..", "docs", "fleet", "board.yaml");
        String text = Files.readString(example).replace("/etc/vigie/board-mqtt.pass", root().resolve("board.pass").toString())
                .replace("/etc/vigie/ca.pem", root().resolve("board.pass").toString());
        Path copy = Files.createTempFile("board", ".yaml");
        Files.writeString(copy, text);
        BoardConfig c = BoardConfigLoader.load(copy);
        assertEquals(3, c.pub().components().size());
        assertEquals(List.of(), c.sites());
        Files.delete(copy);
    }

    private static Path root() throws Exception {
        return Path.of(BoardConfigCasesTest.class.getResource("/board-config-cases").toURI());
    }
}
