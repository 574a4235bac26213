package org.vigie.agent.listen;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;

/**
 * Runs the configured command as an argv, without a shell: no word splitting, no globbing, no
 * PATH lookup. Its output is logged line by line, then its exit status.
 */
final class CommandRunner {
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
    private static final int MAX_LINES = 50;

    private final List<String> argv;

    CommandRunner(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    /**
     * Starts the command; {@code onFailure} gets its exit status if it is not 0.
     *
     * @return {@code null} when it started, else why it could not
     */
    String start(IntConsumer onFailure) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            String why = "cannot run " + argv.get(0) + ": " + Errors.describe(e);
            log.error("{}", why);
            return why;
        }
        log.warn("started {} (pid {})", argv, p.pid());
        Thread t = new Thread(() -> follow(p, onFailure), "vigie-command");
        t.setDaemon(true);
        t.start();
        return null;
    }

    private void follow(Process p, IntConsumer onFailure) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int lines = 0;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (lines++ < MAX_LINES) {
                    log.info("command: {}", Text.safe(line));
                }
            }
        } catch (IOException e) {
            log.warn("command output: {}", Errors.describe(e));
        }
        try {
            int status = p.waitFor();
            if (status == 0) {
                log.info("{} exited with status 0", argv.get(0));
            } else {
                log.error("{} exited with status {}: the machine may not be shutting down", argv.get(0), status);
                onFailure.accept(status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
