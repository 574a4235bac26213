package org.vigie.agent.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Agent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie run --config FILE}: the monitoring agent. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the monitoring agent.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent configuration (YAML).")
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
        AgentConfig cfg = Configs.agent(config, System.err);
        if (cfg == null) {
            return Main.USAGE;
        }
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        Agent agent;
        try {
            agent = new Agent(cfg, Clock.systemUTC());
            org.vigie.agent.shutdown.AgentShutdown.attach(agent);
            org.vigie.agent.notify.Notifier.attach(agent);
            org.vigie.agent.recovery.Recoveries.attach(agent);
            org.vigie.agent.web.WebServer.attach(agent);
        } catch (java.io.IOException e) {
            log.error("cannot start: {}", Errors.describe(e));
            return Main.FAILURE;
        }
        CountDownLatch stop = Signals.onTerminate(() -> {
            log.info("stopping on signal");
            agent.close();
        });
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> log.error("thread {} ended by an unexpected {} at {}",
                thread.getName(), Errors.describe(e), Errors.where(e)));
        try {
            agent.start();
        } catch (java.io.IOException e) {
            log.error("cannot start: {}", Errors.describe(e));
            agent.close();
            return Main.FAILURE;
        } catch (RuntimeException e) {
            log.error("cannot start agent {}: unexpected {} at {}; stopping", cfg.agent(), Errors.describe(e),
                    Errors.where(e));
            agent.close();
            return Main.FAILURE;
        }
        Signals.await(stop);
        return Main.OK;
    }
}
