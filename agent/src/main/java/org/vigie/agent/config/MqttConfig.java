package org.vigie.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How to reach the brokers.
 *
 * @param urls         tried in order
 * @param passwordFile the file holding the password, or {@code null}
 * @param tls          TLS files, or {@code null}
 */
public record MqttConfig(List<URI> urls, String clientId, String username, Path passwordFile, Tls tls) {

    /** TLS material: the CA that signs the broker, and an optional client certificate and key. */
    public record Tls(Path ca, Path cert, Path key) {
    }
}
