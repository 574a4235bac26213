package org.vigie.agent.cli;

import java.net.URI;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.mqtt.MqttSettings;

/** A short-lived MQTT connection for a command run by hand (shutdown, recover), with the agent's broker settings. */
final class CliBroker {
    private CliBroker() {
    }

    /**
     * Connects to the first reachable broker of the agent's {@code mqtt.urls}, as
     * {@code <client_id>-<role>-<pid>} (never the agent's own id, which would push the agent off).
     * Prints one line and returns {@code null} when none answers.
     */
    static MqttClient connect(AgentConfig cfg, String role) throws MqttException, java.io.IOException {
        MqttSettings settings = MqttSettings.of(cfg.mqtt(), null, true);
        MqttException last = null;
        for (URI broker : cfg.mqtt().urls()) {
            MqttClient c = new MqttClient(broker.toString(), cfg.mqtt().clientId() + "-" + role + "-" + ProcessHandle.current().pid(),
                    new MemoryPersistence());
            try {
                c.connect(settings.options(broker));
                return c;
            } catch (MqttException e) {
                last = e;
                c.close(true);
            }
        }
        System.err.println("vigie: no broker of " + cfg.mqtt().urls() + " reachable: " + Errors.describe(last));
        return null;
    }
}
