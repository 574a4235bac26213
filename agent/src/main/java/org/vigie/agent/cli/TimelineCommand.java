package org.vigie.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.timeline.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie timeline}: the agent's durable event journal as an incident timeline. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Print the agent's event journal (alarms, shutdown steps, starts and stops) in order.")
final class TimelineCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "AGENT_FILE", description = "The agent configuration.")
    Path config;

    @Option(names = "--since", paramLabel = "TIME",
            description = "A duration back from now (2h, 90m), an RFC 3339 time, or a local '2026-11-28 03:00' or '03:00'.")
    String since;

    @Override
    public Integer call() {
        AgentConfig cfg = Configs.agent(config, System.err);
        if (cfg == null) {
            return Main.USAGE;
        }
        ZoneId zone = ZoneId.systemDefault();
        Instant from = null;
        if (since != null) {
            from = Timeline.since(since, Instant.now(), zone).orElse(null);
            if (from == null) {
                System.err.println("vigie: --since must be a duration (2h), an RFC 3339 time, or a local time, was " + since);
                return Main.USAGE;
            }
        }
        try {
            int n = Timeline.print(cfg.stateDir(), from, zone, System.out);
            if (n == 0) {
                System.out.println("no events" + (from == null ? "" : " since " + since) + " in " + cfg.stateDir());
            }
            return Main.OK;
        } catch (IOException e) {
            System.err.println("vigie: reading the journal in " + cfg.stateDir() + ": " + Errors.describe(e));
            return Main.FAILURE;
        }
    }
}
