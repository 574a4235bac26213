package org.vigie.agent.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigie.agent.notify.HeaderFile;

/** The agent's {@code notify:} section: channels, routes and limits (docs/notify.md). */
final class NotifyParser {
    private static final Set<String> TYPES = Set.of("sms", "email", "webhook");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,]+@[^@\\s<>,]+");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MIN_REPEAT = Duration.ofSeconds(1);

    private NotifyParser() {
    }

    /**
     * @param alarms  every alarm the agent can raise
     * @param sensors the sensors: a {@code modem} sensor on an SMS channel's port must use its baud
     */
    static NotifyConfig parse(Located root, Path file, AlarmCatalog alarms, List<org.vigie.sensors.SensorSpec> sensors) {
        Located n = root.mapping("notify").orElse(null);
        if (n == null) {
            return null;
        }
        List<NotifyConfig.Channel> channels = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (!n.has("channels")) {
            n.problem("channels", "missing: where to send, like [{id: chat, type: webhook, url: https://…}]");
        }
        if (n.node("channels").orElse(null) instanceof Node.Sequence seq && seq.items().isEmpty()) {
            n.problem("channels", "must list at least one channel");
        }
        for (Located c : n.mappings("channels").orElse(List.of())) {
            String id = c.identifier("id", true).orElse(null);
            if (id != null && !ids.add(id)) {
                c.problem("id", "duplicate channel id " + id);
                id = null;
            }
            NotifyConfig.Channel channel = channel(c, id, file);
            if (channel instanceof NotifyConfig.Sms sms) {
                sameLine(c, sms, sensors);
            }
            if (channel != null) {
                channels.add(channel);
            }
        }
        List<NotifyConfig.Route> routes = new ArrayList<>();
        if (!n.has("routes")) {
            n.problem("routes", "missing: which alarms go to which channels, like [{severity: critical, channels: [chat]}]");
        }
        for (Located r : n.mappings("routes").orElse(List.of())) {
            NotifyConfig.Route route = route(r, ids, alarms, sensorIds(sensors));
            if (route != null) {
                routes.add(route);
            }
        }
        int perHour = n.mapping("limits").map(l -> (int) l.integer("per_channel_per_hour", 1, 10_000)
                .orElse(NotifyConfig.DEFAULT_PER_CHANNEL_PER_HOUR)).orElse(NotifyConfig.DEFAULT_PER_CHANNEL_PER_HOUR);
        return new NotifyConfig(List.copyOf(channels), List.copyOf(routes), perHour);
    }

    private static NotifyConfig.Channel channel(Located c, String id, Path file) {
        String type = c.has("type") ? c.choice("type", TYPES).orElse(null) : null;
        if (!c.has("type")) {
            c.problem("type", "missing: sms, email or webhook");
        }
        if (type == null) {
            c.knownAll();
            return null;
        }
        NotifyConfig.Channel out = switch (type) {
            case "sms" -> sms(c, id, file);
            case "email" -> email(c, id, file);
            default -> webhook(c, id, file);
        };
        return id == null ? null : out;
    }

    /** The SMS channel and a modem sensor share the port exchange by exchange: one line setting. */
    private static void sameLine(Located c, NotifyConfig.Sms sms, List<org.vigie.sensors.SensorSpec> sensors) {
        for (org.vigie.sensors.SensorSpec s : sensors) {
            if (s instanceof org.vigie.sensors.modem.ModemSensorType.Spec m && sms.port().equals(m.port())
                    && m.line().baud() != sms.baud()) {
                c.problem("baud", "the modem sensor " + m.id() + " uses " + m.port() + " at " + m.line().baud()
                        + "; one port, one baud, was " + sms.baud());
            }
        }
    }

    private static NotifyConfig.Sms sms(Located c, String id, Path file) {
        Path port = c.requiredString("port").map(Path::of).orElse(null);
        int baud = (int) c.integer("baud", 1, Integer.MAX_VALUE).orElse(115_200);
        if (c.has("baud") && java.util.Arrays.stream(org.vigie.sensors.serial.LineSettings.BAUDS).noneMatch(b -> b == baud)) {
            c.problem("baud", "must be one of " + java.util.Arrays.toString(org.vigie.sensors.serial.LineSettings.BAUDS)
                    + ", was " + baud);
        }
        Path pin = c.has("pin_file") ? ConfigFile.readableFile(c, "pin_file", file) : null;
        List<String> to = list(c, "to", PHONE, "a phone number like +33600000001", "the numbers to text, like [\"+33600000001\"]");
        return port == null ? null : new NotifyConfig.Sms(id, port, baud, pin, to);
    }

    private static NotifyConfig.Email email(Located c, String id, Path file) {
        String host = c.requiredString("host").orElse(null);
        boolean starttls = c.bool("starttls").orElse(false);
        boolean tls = c.bool("tls").orElse(false);
        if (starttls && tls) {
            c.problem("tls", "either starttls (port 587) or tls (port 465), not both");
        }
        String security = tls ? "tls" : starttls ? "starttls" : "plain";
        int port = (int) c.integer("port", 1, 65_535).orElse(tls ? 465 : starttls ? 587 : 25);
        String username = c.string("username").orElse(null);
        Path password = c.has("password_file") ? ConfigFile.readableFile(c, "password_file", file) : null;
        if (username != null && !c.has("password_file")) {
            c.problem("password_file", "missing: username " + username + " needs a password_file");
        } else if (username == null && c.has("password_file")) {
            c.problem("username", "missing: password_file needs a username");
        }
        String from = c.requiredString("from").orElse(null);
        if (from != null && !ADDRESS.matcher(from).matches()) {
            c.problem("from", "must be an e-mail address like vigie@example.net, was " + from);
        }
        List<String> to = list(c, "to", ADDRESS, "an e-mail address like ops@example.net", "the addresses, like [ops@example.net]");
        Path ca = c.has("ca_file") ? ConfigFile.readableFile(c, "ca_file", file) : null;
        Duration timeout = c.duration("timeout").orElse(DEFAULT_TIMEOUT);
        return host == null || from == null ? null
                : new NotifyConfig.Email(id, host, port, security, username, password, from, to, ca, timeout);
    }

    private static NotifyConfig.Webhook webhook(Located c, String id, Path file) {
        URI url = c.requiredString("url").map(u -> url(c, u)).orElse(null);
        Path headers = null;
        if (c.has("headers_file")) {
            headers = ConfigFile.readableFile(c, "headers_file", file);
            if (headers != null && Files.isReadable(headers)) {
                try {
                    HeaderFile.read(headers);
                } catch (IOException e) {
                    c.problem("headers_file", e.getMessage());
                }
            }
        }
        Duration timeout = c.duration("timeout").orElse(DEFAULT_TIMEOUT);
        return url == null ? null : new NotifyConfig.Webhook(id, url, headers, timeout);
    }

    private static URI url(Located c, String text) {
        try {
            URI u = new URI(text);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            c.problem("url", "must be an http:// or https:// URL, was " + text + " (" + e.getReason() + ")");
            return null;
        }
        c.problem("url", "must be an http:// or https:// URL with a host, was " + text);
        return null;
    }

    private static List<String> list(Located c, String key, Pattern form, String what, String example) {
        if (!c.has(key)) {
            c.problem(key, "missing: " + example);
            return List.of();
        }
        List<String> given = c.strings(key).orElse(List.of());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!form.matcher(given.get(i)).matches()) {
                c.problem(key, i, "must be " + what + ", was " + given.get(i));
            } else if (out.contains(given.get(i))) {
                c.problem(key, i, "lists " + given.get(i) + " twice");
            } else {
                out.add(given.get(i));
            }
        }
        if (given.isEmpty() && c.node(key).orElse(null) instanceof Node.Sequence) {
            c.problem(key, "must list at least one recipient");
        }
        return List.copyOf(out);
    }

    private static Set<String> sensorIds(List<org.vigie.sensors.SensorSpec> sensors) {
        Set<String> ids = new LinkedHashSet<>();
        sensors.forEach(s -> ids.add(s.id()));
        return ids;
    }

    private static NotifyConfig.Route route(Located r, Set<String> channelIds, AlarmCatalog alarms, Set<String> sensorIds) {
        Severity severity = r.choice("severity", SEVERITIES).map(Severity::of).orElse(null);
        // alarms: and sensors: select together (their union); neither: every alarm.
        Set<String> selected = new LinkedHashSet<>(AlarmSelection.forRoute(r, "alarms", alarms));
        selected.addAll(AlarmSelection.bySensors(r, "sensors", alarms, sensorIds));
        boolean selects = r.has("alarms") || r.has("sensors");
        List<String> ids = List.copyOf(selected);
        List<String> channels = new ArrayList<>();
        if (!r.has("channels")) {
            r.problem("channels", "missing: the channels of this route, like [chat]");
        }
        List<String> listed = r.strings("channels").orElse(List.of());
        for (int i = 0; i < listed.size(); i++) {
            String c = listed.get(i);
            if (!channelIds.contains(c) && channelIds.isEmpty()) {
                continue; // no channel loaded: that problem is reported where the channels are (or are not)
            } else if (!channelIds.contains(c)) {
                r.problem("channels", i, "unknown channel " + c + (channelIds.isEmpty() ? "" : "; channels are "
                        + String.join(", ", channelIds)));
            } else if (channels.contains(c)) {
                r.problem("channels", i, "lists " + c + " twice");
            } else {
                channels.add(c);
            }
        }
        Duration repeat = r.duration("repeat").orElse(null);
        if (repeat != null && repeat.compareTo(MIN_REPEAT) < 0) {
            r.problem("repeat", "must be at least 1s, was " + Durations.format(repeat));
            repeat = null;
        }
        if (channels.isEmpty() || (selects && ids.isEmpty())) {
            return null; // the problem is reported; a selection left empty must never widen to every alarm
        }
        return new NotifyConfig.Route(severity, ids, List.copyOf(channels), repeat);
    }
}
