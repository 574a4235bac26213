package org.vigie.agent.listen;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;

/**
 * Warns the users logged in with {@code wall}, where it is installed. The text goes on wall's
 * standard input (an argument that names a file would make wall print that file). Never blocks
 * the listener: wall runs on its own thread and is ended after 10 s.
 */
final class Wall {
    private static final Logger log = LoggerFactory.getLogger(Wall.class);
    private static final String[] PLACES = {"/usr/bin/wall", "/bin/wall"};

    private Wall() {
    }

    static void warn(String text) {
        Path wall = null;
        for (String p : PLACES) {
            if (Files.isExecutable(Path.of(p))) {
                wall = Path.of(p);
                break;
            }
        }
        if (wall == null) {
            log.info("no wall on this machine: logged-in users are not warned");
            return;
        }
        Path program = wall;
        Thread t = new Thread(() -> run(program, text), "vigie-wall");
        t.setDaemon(true);
        t.start();
    }

    private static void run(Path wall, String text) {
        try {
            Process p = new ProcessBuilder(wall.toString()).redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("wall did not finish within 10 s; ended it");
            } else if (p.exitValue() != 0) {
                log.warn("wall exited with status {}: users may not have been warned", p.exitValue());
            }
        } catch (IOException e) {
            log.warn("cannot run {}: {}; users were not warned", wall, Errors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
