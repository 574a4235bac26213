package org.vigie.agent.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.web.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie passwd --file USERS_FILE NAME}: adds or changes a user of the web page. */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Add or change a user who may acknowledge alarms from the web page (http.users_file). "
                + "The password is read from the terminal (asked twice), or as one line from stdin.")
final class PasswdCommand implements Callable<Integer> {
    static final int MIN_LENGTH = 8;

    @Option(names = "--file", required = true, paramLabel = "USERS_FILE", description = "The users file (created, mode 0600).")
    Path file;

    @Parameters(paramLabel = "NAME", description = "The user's name: letters, digits, _ . @ -")
    String name;

    @Override
    public Integer call() {
        if (!Users.NAME.matcher(name).matches()) {
            System.err.println("vigie: passwd: NAME must be 1 to 64 of A-Z a-z 0-9 _ . @ - (starting with a letter or digit), was "
                    + name);
            return Main.USAGE;
        }
        char[] password;
        try {
            password = read();
        } catch (IOException e) {
            System.err.println("vigie: passwd: " + e.getMessage());
            return Main.USAGE;
        }
        try {
            boolean changed = write(file, name, Users.hash(password));
            Arrays.fill(password, '\0');
            System.out.println((changed ? "changed the password of " : "added ") + name + " in " + file);
            return Main.OK;
        } catch (IOException e) {
            System.err.println("vigie: passwd: " + file + ": " + Errors.describe(e));
            return Main.FAILURE;
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        char[] p;
        if (console != null) {
            p = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (p == null || again == null || !Arrays.equals(p, again)) {
                throw new IOException("the two passwords differ; nothing written");
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            p = line == null ? null : line.toCharArray();
        }
        if (p == null || p.length < MIN_LENGTH) {
            throw new IOException("a password of at least " + MIN_LENGTH + " characters is needed; nothing written");
        }
        return p;
    }

    /** Replaces or appends {@code name}'s line, atomically; returns whether it was there before. */
    static boolean write(Path file, String name, String hash) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(name + ":")) {
                lines.set(i, name + ":" + hash);
                found = true;
            }
        }
        if (!found) {
            lines.add(name + ":" + hash);
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".users", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return found;
    }
}
