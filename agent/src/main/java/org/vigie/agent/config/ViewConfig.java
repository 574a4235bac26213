package org.vigie.agent.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** The operator's view (SPEC §7): the HTTP server and the history behind its plots. */
public final class ViewConfig {
    private ViewConfig() {
    }

    /**
     * The {@code http:} section.
     *
     * @param listen    where the page, the JSON API and {@code /metrics} are served
     * @param usersFile who may acknowledge from the page ({@code name:hash} lines), or {@code null}: read-only
     */
    public record Http(InetSocketAddress listen, Path usersFile) {
    }

    /**
     * The {@code history:} section. History is kept when this section or {@code http:} is present.
     *
     * @param retain how long readings are kept (full resolution for at most the last 24 h, then per minute)
     */
    public record History(Duration retain) {
        public static final Duration DEFAULT_RETAIN = Duration.ofDays(7);
    }
}
