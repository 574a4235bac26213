package org.vigie.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a {@code state_dir} can be used: written in if it exists, created if not. Probed for
 * real (a temporary entry made and removed at once), because permissions alone do not tell: root
 * passes every permission check, yet cannot create {@code /proc/nope} or write on a read-only mount.
 */
final class StateDirCheck {

    private StateDirCheck() {
    }

    /** What is wrong with {@code dir}, or {@code null} when it can be used. */
    static String problem(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                return "cannot use " + abs + ": not a directory";
            }
            try {
                Files.delete(Files.createTempFile(abs, ".vigie-check-", ".tmp"));
                return null;
            } catch (IOException e) {
                return "cannot write in " + abs + ": " + ConfigFile.reason(e);
            }
        }
        Path parent = abs.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            return "cannot create " + abs + ": " + (parent == null ? "no such file system" : parent + " is not a directory");
        }
        try {
            Files.delete(Files.createTempDirectory(parent, ".vigie-check-"));
            return null;
        } catch (IOException e) {
            return "cannot create " + abs + ": " + ConfigFile.reason(e);
        }
    }
}
