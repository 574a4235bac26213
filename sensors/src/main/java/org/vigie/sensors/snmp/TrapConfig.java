package org.vigie.sensors.snmp;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.sensors.Settings;

/**
 * The agent-wide {@code snmp_traps:} section.
 *
 * <pre>
 * snmp_traps:
 *   listen: 0.0.0.0:162                          # UDP host:port ([::]:162 for IPv6)
 *   community_file: /etc/vigie/snmp.community    # v1/v2c traps must carry this community
 *   users:                                       # optional, SNMPv3 traps (authNoPriv at least)
 *     - {user: vigie, auth_protocol: sha, auth_password_file: /etc/vigie/trap.auth,
 *        priv_protocol: aes128, priv_password_file: /etc/vigie/trap.priv}
 * </pre>
 *
 * @param listen        the UDP address to bind (unresolved, as written)
 * @param communityFile the v1/v2c community, or {@code null} to refuse v1/v2c traps
 * @param users         the SNMPv3 users accepted
 */
public record TrapConfig(InetSocketAddress listen, Path communityFile, List<User> users) {

    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("0.0.0.0", 162);
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]]+)):([0-9]{1,5})");

    /**
     * An SNMPv3 user allowed to send traps.
     *
     * @param privPasswordFile {@code null} for a user without privacy (authNoPriv)
     */
    public record User(String user, String authProtocol, Path authPasswordFile, String privProtocol,
                       Path privPasswordFile) {
        public User {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(authProtocol, "authProtocol");
            Objects.requireNonNull(authPasswordFile, "authPasswordFile");
        }
    }

    public TrapConfig {
        Objects.requireNonNull(listen, "listen");
        users = List.copyOf(users);
    }

    /**
     * Reads and validates an {@code snmp_traps} mapping, reporting every problem through
     * {@code settings}; the result may be incomplete when problems were reported (then never start it).
     */
    public static TrapConfig parse(Settings settings) {
        InetSocketAddress listen = settings.string("listen").map(s -> listen(settings, s)).orElse(DEFAULT_LISTEN);
        Path community = settings.readableFile("community_file", false).orElse(null);
        List<User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings item : settings.objects("users").orElse(List.of())) {
            String user = item.requiredString("user").orElse(null);
            if (user != null && !names.add(user)) {
                item.problem("user", "duplicate user " + user);
            }
            String auth = item.choice("auth_protocol", Set.of("sha", "sha256")).orElse("sha");
            Path authFile = item.readableFile("auth_password_file", true).orElse(null);
            Path privFile = item.readableFile("priv_password_file", false).orElse(null);
            String priv = item.choice("priv_protocol", Set.of("aes128")).orElse(privFile == null ? null : "aes128");
            if (priv != null && privFile == null) {
                item.problem("priv_password_file", "missing: priv_protocol needs priv_password_file");
            }
            if (user != null && authFile != null && (priv == null || privFile != null)) {
                users.add(new User(user, auth, authFile, priv, privFile));
            }
        }
        if (community == null && !settings.has("users")) {
            settings.problem("community_file", "missing: give community_file (v1/v2c traps) or users (SNMPv3 traps)");
        }
        return new TrapConfig(listen, community, users);
    }

    private static InetSocketAddress listen(Settings settings, String text) {
        Matcher m = HOST_PORT.matcher(text);
        int port = m.matches() ? Integer.parseInt(m.group(3)) : -1;
        if (port < 0 || port > 65535) {
            settings.problem("listen", "must be HOST:PORT like 0.0.0.0:162 or [::]:162, was " + text);
            return DEFAULT_LISTEN;
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        return InetSocketAddress.createUnresolved(host, port);
    }
}
