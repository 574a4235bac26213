package org.vigie.agent.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code http:} and {@code history:} (SPEC §7). */
final class ViewParser {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");
    static final Duration MIN_RETAIN = Duration.ofHours(1);
    static final Duration MAX_RETAIN = Duration.ofDays(366);

    private ViewParser() {
    }

    static ViewConfig.Http http(Located root, Path configFile) {
        Located h = root.mapping("http").orElse(null);
        if (h == null) {
            return null;
        }
        InetSocketAddress listen = null;
        if (!h.has("listen")) {
            h.problem("listen", "missing: host:port to serve on, like 0.0.0.0:8080");
        } else {
            String s = h.string("listen").orElse(null);
            if (s != null) {
                listen = address(s);
                if (listen == null) {
                    h.problem("listen", "must be HOST:PORT with a port from 0 (any free one) to 65535, like 0.0.0.0:8080, was " + s);
                }
            }
        }
        Path users = ConfigFile.readableFile(h, "users_file", configFile);
        return listen == null ? null : new ViewConfig.Http(listen, users);
    }

    /** An unresolved HOST:PORT; the host is resolved when the server binds. */
    static InetSocketAddress address(String s) {
        Matcher m = HOST_PORT.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            return null;
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The history kept: given explicitly, implied by {@code http:}, or none. */
    static ViewConfig.History history(Located root, boolean http) {
        if (!root.has("history")) {
            return http ? new ViewConfig.History(ViewConfig.History.DEFAULT_RETAIN) : null;
        }
        Located h = root.mapping("history").orElse(null);
        if (h == null) {
            return null;
        }
        Duration retain = h.duration("retain").orElse(ViewConfig.History.DEFAULT_RETAIN);
        if (retain.compareTo(MIN_RETAIN) < 0 || retain.compareTo(MAX_RETAIN) > 0) {
            h.problem("retain", "must be from " + Durations.format(MIN_RETAIN) + " to " + Durations.format(MAX_RETAIN)
                    + ", was " + Durations.format(retain));
            return null;
        }
        return new ViewConfig.History(retain);
    }
}
