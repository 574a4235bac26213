package org.vigie.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code mqtt:} section, shared by the agent's and the listener's configurations. */
final class MqttParser {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private MqttParser() {
    }

    static MqttConfig parse(Located root, String defaultClientId, Path configFile) {
        if (!root.has("mqtt")) {
            root.problem("mqtt", "missing: where the broker is, like mqtt: {urls: [tcp://127.0.0.1:1883]}");
            return null;
        }
        Located m = root.mapping("mqtt").orElse(null);
        if (m == null) {
            return null;
        }
        List<URI> urls = new ArrayList<>();
        List<String> raw = m.strings("urls").orElse(null);
        if (!m.has("urls")) {
            m.problem("urls", "missing: a list of broker URLs like [tcp://127.0.0.1:1883]");
        } else if (raw != null && raw.isEmpty()) {
            m.problem("urls", "must list at least one broker URL");
        } else if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                String s = raw.get(i);
                URI uri = url(s);
                if (uri == null) {
                    m.problem("urls", i, "must be tcp://HOST:PORT or ssl://HOST:PORT, was " + s);
                } else {
                    urls.add(uri);
                }
            }
        }
        String clientId = m.string("client_id").orElse(defaultClientId);
        if (m.has("client_id") && !CLIENT_ID.matcher(clientId).matches()) {
            m.problem("client_id", "must be 1 to 64 of A-Z a-z 0-9 _ . -, was " + clientId);
        }
        String username = m.string("username").orElse(null);
        Path passwordFile = ConfigFile.readableFile(m, "password_file", configFile);
        if (passwordFile != null && username == null) {
            m.problem("password_file", "needs username");
        }
        MqttConfig.Tls tls = m.mapping("tls").map(t -> new MqttConfig.Tls(
                ConfigFile.readableFile(t, "ca", configFile),
                ConfigFile.readableFile(t, "cert", configFile),
                ConfigFile.readableFile(t, "key", configFile))).orElse(null);
        if (tls != null && (tls.cert() == null) != (tls.key() == null)) {
            m.problem("tls", "cert and key go together: give both or neither");
        }
        return new MqttConfig(List.copyOf(urls), clientId, username, passwordFile, tls);
    }

    private static URI url(String s) {
        try {
            URI uri = new URI(s);
            boolean scheme = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
            boolean plain = uri.getPath() == null || uri.getPath().isEmpty();
            if (!scheme || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535 || !plain
                    || uri.getQuery() != null || uri.getUserInfo() != null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
