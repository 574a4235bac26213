package org.vigie.agent.mqtt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigie.agent.config.MqttConfig;

/**
 * How one MQTT client connects: brokers in order, identity, the retained {@code offline} will on
 * {@code statusTopic}, and whether its session persists.
 */
public record MqttSettings(MqttConfig config, String clientId, String statusTopic, boolean cleanSession,
                           String password, javax.net.SocketFactory tlsFactory) {

    /** Reads the password file, if any, and the TLS files when a broker is {@code ssl://}. */
    public static MqttSettings of(MqttConfig config, String statusTopic, boolean cleanSession) throws IOException {
        String password = null;
        if (config.passwordFile() != null) {
            password = Files.readString(config.passwordFile(), StandardCharsets.UTF_8).strip();
        }
        boolean tls = config.urls().stream().anyMatch(u -> "ssl".equals(u.getScheme()));
        return new MqttSettings(config, config.clientId(), statusTopic, cleanSession, password,
                tls ? Tls.factory(config.tls()) : null);
    }

    /** A client for one broker: each URL gets its own, with the socket factory of its scheme. */
    MqttAsyncClient newClient(URI broker) throws MqttException {
        return new MqttAsyncClient(broker.toString(), clientId, new MemoryPersistence());
    }

    /** The connect options for {@code broker}; the will is set when there is a status topic. */
    public MqttConnectOptions options(URI broker) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setMaxInflight(1000);
        if (statusTopic != null) {
            o.setWill(statusTopic, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        }
        if (config.username() != null) {
            o.setUserName(config.username());
        }
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        o.setSocketFactory("ssl".equals(broker.getScheme()) ? tlsFactory : new NoDelaySocketFactory());
        o.setHttpsHostnameVerificationEnabled(true);
        return o;
    }

    /**
     * The QoS of this client's subscriptions. A persistent session subscribes at 1: the broker keeps
     * what arrives while the client is away. A clean session subscribes at 0, because its broker
     * keeps nothing for it between connections anyway, and because a clustered broker makes a
     * clean-session QoS 1 subscription a durable queue on the node the client happened to use:
     * RabbitMQ 3.10 puts {@code mqtt-subscription-<client id>qos1} there as a classic queue, and
     * once that node is killed every later connection under the same client id, on any node, is
     * closed as it subscribes ("home node … of durable queue … is down"). A QoS 0 subscription is a
     * transient queue, which the cluster drops with its node.
     */
    public int subscriptionQos() {
        return cleanSession ? 0 : 1;
    }

    String urlsText() {
        List<URI> urls = config.urls();
        return urls.stream().map(URI::toString).collect(Collectors.joining(", "));
    }
}
