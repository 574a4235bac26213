package org.vigie.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent's {@code notify:} section: where alarms are sent (channels), which alarms go where and
 * how often (routes), and how many messages a channel may carry per hour (limits).
 */
public record NotifyConfig(List<Channel> channels, List<Route> routes, int perChannelPerHour) {

    public static final int DEFAULT_PER_CHANNEL_PER_HOUR = 20;

    /** One way to reach people. */
    public sealed interface Channel permits Sms, Email, Webhook {
        String id();

        /** The {@code type:} as written. */
        String type();
    }

    /**
     * An SMS through a GSM/LTE modem on a serial line.
     *
     * @param pinFile the SIM PIN's file, or {@code null} when the SIM has no PIN
     */
    public record Sms(String id, Path port, int baud, Path pinFile, List<String> to) implements Channel {
        @Override
        public String type() {
            return "sms";
        }
    }

    /**
     * E-mail over SMTP.
     *
     * @param security     {@code plain}, {@code starttls} (required, not opportunistic) or {@code tls}
     * @param username     {@code null} without authentication
     * @param passwordFile {@code null} without authentication
     * @param caFile       a PEM file of the CA(s) to trust instead of the system's, or {@code null}
     */
    public record Email(String id, String host, int port, String security, String username, Path passwordFile,
                        String from, List<String> to, Path caFile, Duration timeout) implements Channel {
        @Override
        public String type() {
            return "email";
        }
    }

    /**
     * An HTTP POST of the alarm JSON.
     *
     * @param headersFile {@code Name: value} lines added to every request, or {@code null}
     */
    public record Webhook(String id, URI url, Path headersFile, Duration timeout) implements Channel {
        @Override
        public String type() {
            return "webhook";
        }
    }

    /**
     * Alarms at or above {@code severity} (any severity when {@code null}) and, when {@code alarms}
     * is not empty, only those alarms, go to {@code channels}; while such an alarm stays active and
     * unacknowledged, it is sent again every {@code repeat} ({@code null}: once).
     */
    public record Route(Severity severity, List<String> alarms, List<String> channels, Duration repeat) {
    }

    public Optional<Channel> channel(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
