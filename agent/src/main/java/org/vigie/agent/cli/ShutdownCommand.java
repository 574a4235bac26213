package org.vigie.agent.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.Durations;
import org.vigie.agent.config.ShutdownConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.shutdown.Command;
import org.vigie.agent.shutdown.CommandSeq;
import org.vigie.agent.shutdown.Envelope;
import org.vigie.agent.shutdown.Keys;
import picocli.CommandLine.Option;

/** {@code vigie shutdown}: a signed shutdown (or cancel) sent by hand, for drills and emergencies. */
@picocli.CommandLine.Command(name = "shutdown", mixinStandardHelpOptions = true,
        description = "Send a signed shutdown (or --cancel) to a group by hand, with the agent's key and broker.")
final class ShutdownCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "AGENT_FILE", description = "The agent configuration.")
    Path config;

    @Option(names = "--group", required = true, paramLabel = "G", description = "The group to command.")
    String group;

    @Option(names = "--delay", defaultValue = "60s", paramLabel = "D", description = "Countdown (default 60s).")
    String delay;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; shown to logged-in users.")
    String reason;

    @Option(names = "--cancel", description = "Cancel the group's pending shutdown instead.")
    boolean cancel;

    @Option(names = "--wait", defaultValue = "10s", paramLabel = "D",
            description = "How long to print the listeners' acknowledgements (default 10s; 0s: do not wait).")
    String wait;

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg = Configs.agent(config, System.err);
        if (cfg == null) {
            return Main.USAGE;
        }
        ShutdownConfig sc = cfg.shutdown();
        Duration countdown = Durations.parse(delay).orElse(null);
        Duration waitFor = Durations.parse(wait).orElse(null);
        if (sc == null) {
            System.err.println("vigie: " + config + " has no shutdown: section (no key, no groups)");
            return Main.USAGE;
        }
        if (sc.group(group).isEmpty()) {
            System.err.println("vigie: --group " + group + " is not a group of " + config + "; groups are "
                    + String.join(", ", sc.groups().stream().map(ShutdownConfig.Group::id).toList()));
            return Main.USAGE;
        }
        if (countdown == null || waitFor == null) {
            System.err.println("vigie: --delay and --wait are durations like 30s, 5m; was " + delay + ", " + wait);
            return Main.USAGE;
        }
        if (countdown.compareTo(sc.commandTtl()) >= 0) {
            System.err.println("vigie: --delay must be shorter than command_ttl (" + Durations.format(sc.commandTtl()) + ")");
            return Main.USAGE;
        }
        Instant now = Instant.now();
        long seq = new CommandSeq(cfg.stateDir()).next();
        String why = reason != null ? reason : (cancel ? "manual cancel" : "manual shutdown")
                + " by " + System.getProperty("user.name", "an operator");
        Command c = new Command(Command.VERSION, cancel ? Command.Action.CANCEL : Command.Action.SHUTDOWN, cfg.site(),
                group, cfg.agent(), seq, now, now.plus(sc.commandTtl()), cancel ? 0 : countdown.toSeconds(), why, List.of());
        byte[] envelope = Envelope.seal(c, Keys.readPair(sc.key()));
        return send(cfg, sc.group(group).get(), envelope, seq, waitFor);
    }

    private int send(AgentConfig cfg, ShutdownConfig.Group g, byte[] envelope, long seq, Duration waitFor)
            throws Exception {
        String topic = "vigie/" + cfg.site() + "/shutdown/" + group;
        MqttClient client = CliBroker.connect(cfg, "cli");
        if (client == null) {
            return Main.FAILURE;
        }
        try {
            client.subscribe("vigie/" + cfg.site() + "/shutdown/" + group + "/ack/+", 1, (t, m) ->
                    System.out.println("ack " + t.substring(t.lastIndexOf('/') + 1) + ": "
                            + new String(m.getPayload(), StandardCharsets.UTF_8)));
            client.publish(topic, envelope, 1, false);
            System.out.println("sent " + (cancel ? "cancel" : "shutdown") + " seq " + seq + " to " + topic
                    + "; expected hosts: " + (g.hosts().isEmpty() ? "none listed" : String.join(", ", g.hosts())));
            Thread.sleep(waitFor.toMillis());
            return Main.OK;
        } catch (MqttException e) {
            System.err.println("vigie: cannot send to " + cfg.mqtt().urls() + ": " + Errors.describe(e));
            return Main.FAILURE;
        } finally {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        }
    }
}
