package org.vigie.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.board.Board;
import org.vigie.agent.board.BoardNote;
import org.vigie.agent.config.BoardConfig;
import org.vigie.agent.config.BoardConfigLoader;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.mqtt.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie board --config FILE}: the fleet board and public status page (SPEC §8). */
@Command(name = "board", mixinStandardHelpOptions = true, subcommands = BoardCommand.Note.class,
        description = "Follow the agents of many sites: the staff board (HTTP) and the public status page.")
final class BoardCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The board configuration (YAML).")
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info (default), debug, trace.")
    String logLevel;

    @Override
    public Integer call() {
        Logging.level(logLevel);
        if (config == null) {
            System.err.println("vigie board: --config FILE is needed");
            return Main.USAGE;
        }
        BoardConfig cfg = load(config);
        if (cfg == null) {
            return Main.USAGE;
        }
        Logger log = LoggerFactory.getLogger(BoardCommand.class);
        Board board;
        try {
            board = new Board(cfg, Clock.systemUTC());
            board.start();
        } catch (IOException e) {
            log.error("cannot start: {}", Errors.describe(e));
            return Main.FAILURE;
        }
        CountDownLatch stop = Signals.onTerminate(() -> {
            log.info("stopping on signal");
            board.close();
        });
        Signals.await(stop);
        return Main.OK;
    }

    static BoardConfig load(Path file) {
        try {
            return BoardConfigLoader.load(file);
        } catch (ConfigException e) {
            e.lines().forEach(System.err::println);
            return null;
        }
    }

    /** {@code vigie board note --config FILE --incident ID --text TEXT}. */
    @Command(name = "note", mixinStandardHelpOptions = true,
            description = "Add a staff update to a public incident (checked: no internal id, host name or address).")
    static final class Note implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The board configuration (YAML).")
        Path config;

        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident number.")
        String incident;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The public update.")
        String text;

        @Override
        public Integer call() throws IOException {
            BoardConfig cfg = load(config);
            if (cfg == null) {
                return Main.USAGE;
            }
            return BoardNote.queue(cfg, incident, text, System.out, System.err);
        }
    }
}
