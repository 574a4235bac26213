package org.vigie.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.config.ListenerConfig;
import org.vigie.agent.config.ListenerConfigLoader;
import org.vigie.agent.listen.Listener;
import org.vigie.agent.mqtt.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie listen --config FILE}: the shutdown listener, run on each server. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Run the shutdown listener: obey signed shutdown commands for this server's groups.")
final class ListenCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The listener configuration (YAML).")
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info (default), debug, trace;"
            + " and LOGGER=LEVEL items, comma-separated: info,com.pi4j=error (docs/logging.md).")
    String logLevel;

    @Override
    public Integer call() {
        String badLevel = Logging.level(logLevel);
        if (badLevel != null) {
            System.err.println("vigie: --log-level: " + badLevel);
            return Main.USAGE;
        }
        ListenerConfig cfg;
        try {
            cfg = ListenerConfigLoader.load(config);
        } catch (ConfigException e) {
            e.lines().forEach(System.err::println);
            return Main.USAGE;
        }
        Logger log = LoggerFactory.getLogger(ListenCommand.class);
        Listener listener;
        try {
            listener = new Listener(cfg, Clock.systemUTC());
        } catch (IOException e) {
            log.error("cannot start: {}", Errors.describe(e));
            return Main.FAILURE;
        }
        CountDownLatch stop = Signals.onTerminate(() -> {
            log.info("stopping on signal; pending countdowns stay recorded and resume at the next start");
            listener.close();
        });
        listener.start();
        Signals.await(stop);
        return Main.OK;
    }
}
