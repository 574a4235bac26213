package org.vigie.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.notify.NotifyTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie notify-test --config FILE --channel ID}: check a notification path before the night it is needed. */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
        description = "Send a test message on one notify channel now and report the outcome (exit 0 sent, 1 not sent).")
final class NotifyTestCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent configuration.")
    Path config;

    @Option(names = "--channel", required = true, paramLabel = "ID", description = "A channel id of notify.channels.")
    String channel;

    @Override
    public Integer call() {
        Logging.level("warn");
        AgentConfig cfg;
        try {
            cfg = AgentConfigLoader.load(config);
        } catch (ConfigException e) {
            e.lines().forEach(System.err::println);
            return Main.USAGE;
        }
        if (cfg.notifications() == null) {
            System.err.println("vigie: " + config + " has no notify: section");
            return Main.USAGE;
        }
        NotifyConfig.Channel c = cfg.notifications().channel(channel).orElse(null);
        if (c == null) {
            System.err.println("vigie: no channel " + channel + " in notify.channels; channels are "
                    + String.join(", ", cfg.notifications().channels().stream().map(NotifyConfig.Channel::id).toList()));
            return Main.USAGE;
        }
        return NotifyTest.run(cfg, c, System.out) ? Main.OK : Main.FAILURE;
    }
}
