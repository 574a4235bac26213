package org.vigie.agent.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a configuration file into its located root mapping, or fails with located lines. */
final class ConfigFile {

    private ConfigFile() {
    }

    /** The root mapping, with duplicate-key problems already added to {@code problems}. */
    static Located read(Path file, Problems problems) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(name + ":1:1: " + Paths.ROOT + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ":1:1: " + Paths.ROOT + ": cannot read the file: " + reason(e)));
        }
        YamlReader reader = new YamlReader();
        Node root;
        try {
            root = reader.read(text);
        } catch (YamlReader.SyntaxError e) {
            throw new ConfigException(List.of(new Problem(e.loc, "", e.getMessage()).format(name)));
        }
        if (root == null) {
            throw new ConfigException(List.of(name + ":1:1: " + Paths.ROOT + ": the file is empty"));
        }
        if (!(root instanceof Node.Mapping mapping)) {
            throw new ConfigException(List.of(new Problem(root.loc(), "",
                    "must be a mapping of keys (site:, agent:, …), was " + Node.describe(root)).format(name)));
        }
        reader.duplicates().forEach(problems::add);
        return new Located(mapping, "", problems, file);
    }

    /** Throws when any problem was found. */
    static void finish(Path file, Problems problems) throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted().stream().map(p -> p.format(file.toString())).toList());
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Checks that a referenced file (a secret, a key) can be read; resolves it against the config's folder. */
    static Path readableFile(Located at, String key, Path configFile) {
        return at.string(key).map(s -> {
            Path p = resolve(configFile, s);
            if (!Files.isReadable(p)) {
                at.problem(key, "cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
            }
            return p;
        }).orElse(null);
    }

    static Path resolve(Path configFile, String s) {
        Path p = Path.of(s);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = configFile.toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p).normalize();
    }
}
