package org.vigie.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user's documentation names only files that exist: every relative link of the Markdown
 * pages (docs/, the README files) and every backticked path that starts with a folder of the
 * repository ({@code `systemd/vigie-agent.service`}) must resolve. Paths on the target machine
 * ({@code /etc/vigie/…}), MQTT topics and placeholders ({@code <driver>}) are not repository
 * paths and are not checked; the few repository-looking paths that are not files of a fresh
 * checkout are listed in {@link #NOT_IN_A_CHECKOUT} with the reason.
 */
class DocsPathsTest {

    /** Repository paths a page may name although a fresh checkout does not have them. */
    private static final Map<Pattern, String> NOT_IN_A_CHECKOUT = Map.of(
            Pattern.compile("[a-z-]+/target(/.*)?"), "a build output (mvn package makes it)");

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("[<>*…{}$]");

    private static Path root() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("agent"))) {
                return p;
            }
        }
        throw new AssertionError("the repository root is not above " + here);
    }

    /** docs/**.md, README.md, and every README.md of the repository (the drivers' included). */
    private static List<Path> pages(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().contains("target/") && !root.relativize(p).startsWith(".git"))
                    .filter(p -> p.getFileName().toString().equals("README.md")
                            || (p.startsWith(root.resolve("docs")) && p.toString().endsWith(".md")))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void everyFileTheDocsNameExists() throws IOException {
        Path root = root();
        Set<String> topLevel = new TreeSet<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".git"))
                    .forEach(topLevel::add);
        }
        List<Path> pages = pages(root);
        assertTrue(pages.size() >= 10, "pages found: " + pages);
        List<String> missing = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                String where = root.relativize(page) + ":" + (i + 1) + ": ";
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                        continue; // a URL, a mail address, or an anchor of the same page
                    }
                    String file = target.replaceAll("#.*", "");
                    Path resolved = page.getParent().resolve(file).normalize();
                    if (!Files.exists(resolved) && !excused(root, resolved)) {
                        missing.add(where + "link " + target);
                    }
                }
                Matcher code = CODE.matcher(lines.get(i));
                while (code.find()) {
                    String text = code.group(1).replaceAll("[:.,;)]+$", "").replaceAll(":\\d+$", "");
                    int slash = text.indexOf('/');
                    if (slash <= 0 || PLACEHOLDER.matcher(text).find() || !topLevel.contains(text.substring(0, slash))) {
                        continue;
                    }
                    Path resolved = root.resolve(text).normalize();
                    if (!Files.exists(resolved) && !excused(root, resolved)) {
                        missing.add(where + "`" + text + "`");
                    }
                }
            }
        }
        assertEquals("", String.join("\n", missing), "files named by the docs that are not in the repository");
    }

    private static boolean excused(Path root, Path resolved) {
        if (!resolved.startsWith(root)) {
            return false;
        }
        String rel = root.relativize(resolved).toString();
        return NOT_IN_A_CHECKOUT.keySet().stream().anyMatch(p -> p.matcher(rel).matches());
    }
}
