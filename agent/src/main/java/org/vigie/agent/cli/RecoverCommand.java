package org.vigie.agent.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.Durations;
import org.vigie.agent.config.RecoveryConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.recovery.Recoveries;
import org.vigie.agent.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie recover --config F --policy ID}: a person confirms an ordered recovery (docs/recovery.md). */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Confirm an ordered recovery by hand: the agent then wakes the servers its policy stopped.")
final class RecoverCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "AGENT_FILE", description = "The agent configuration.")
    Path config;

    @Option(names = "--policy", required = true, paramLabel = "ID", description = "The recovery's id.")
    String policy;

    @Option(names = "--by", paramLabel = "NAME", description = "Who confirms (default: the user running the command).")
    String by;

    @Option(names = "--wait", defaultValue = "5s", paramLabel = "D",
            description = "How long to wait for the recovery's progress to print it (default 5s; 0s: do not wait).")
    String wait;

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg = Configs.agent(config, System.err);
        if (cfg == null) {
            return Main.USAGE;
        }
        Duration waitFor = Durations.parse(wait).orElse(null);
        if (waitFor == null) {
            System.err.println("vigie: --wait is a duration like 5s; was " + wait);
            return Main.USAGE;
        }
        if (cfg.recovery().stream().noneMatch(r -> r.id().equals(policy))) {
            System.err.println("vigie: --policy " + policy + " is not a recovery of " + config + "; recoveries are "
                    + (cfg.recovery().isEmpty() ? "none" : String.join(", ", cfg.recovery().stream().map(RecoveryConfig::id).toList())));
            return Main.USAGE;
        }
        String who = by != null ? by : System.getProperty("user.name", "an operator");
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("policy", policy);
        body.put("by", who);
        return send(cfg, Json.bytes(body), waitFor);
    }

    private int send(AgentConfig cfg, byte[] payload, Duration waitFor) throws Exception {
        MqttClient client = CliBroker.connect(cfg, "recover");
        if (client == null) {
            return Main.FAILURE;
        }
        String topic = Recoveries.commandTopic(cfg);
        try {
            CountDownLatch moved = new CountDownLatch(1);
            client.subscribe(cfg.root() + "/recovery/" + policy, 1, (t, m) -> {
                String state = Json.MAPPER.readTree(m.getPayload()).path("state").asText();
                System.out.println("recovery " + policy + ": " + state + (m.isRetained() ? " (before this confirmation)" : ""));
                if (!m.isRetained()) {
                    moved.countDown();
                }
            });
            client.publish(topic, payload, 1, false);
            System.out.println("confirmation sent to " + topic + ": " + new String(payload, StandardCharsets.UTF_8));
            if (!waitFor.isZero() && !moved.await(waitFor.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("no progress from the agent within " + Durations.format(waitFor)
                        + "; a recovery that is not waiting for a confirmation ignores it (see the agent's log)");
            }
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
