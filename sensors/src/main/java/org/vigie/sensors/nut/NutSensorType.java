package org.vigie.sensors.nut;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;

/**
 * {@code type: nut}: a UPS served by an existing Network UPS Tools {@code upsd}, read with the
 * NUT network protocol (one {@code LIST VAR} per poll). See README.md.
 */
public final class NutSensorType implements SensorType<NutSensorType.Spec> {

    static final int DEFAULT_PORT = 3493;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** NUT names: letters, digits and a few punctuation marks; never blanks or quotes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+");

    /**
     * A validated {@code nut} sensor.
     *
     * @param ups          the UPS name on that server ({@code upsc -l host} lists them)
     * @param username     for {@code USERNAME}, or {@code null}
     * @param passwordFile for {@code PASSWORD}, or {@code null}
     * @param starttls     whether the connection must switch to TLS ({@code STARTTLS}) before anything else
     * @param caFile       PEM certificates the server's must chain to; {@code null}: the JVM's trusted roots
     * @param variables    the NUT variables read as extra number channels ({@code variables:})
     */
    public record Spec(SensorBase base, String host, int port, String ups, String username, Path passwordFile,
                       boolean starttls, Path caFile, Duration timeout, List<String> variables) implements SensorSpec {
        public Spec {
            variables = List.copyOf(variables);
        }

        /** One try: a dead upsd is known at the first connect or answer that takes {@code timeout}. */
        @Override
        public java.util.Optional<Duration> longestRead() {
            return java.util.Optional.of(timeout);
        }

        /** Every channel: the status flags, the four numbers, then {@code variables}. */
        List<NutChannels.Channel> all() {
            List<NutChannels.Channel> all = new java.util.ArrayList<>(NutChannels.FIXED);
            variables.forEach(v -> all.add(NutChannels.Channel.number(v, v.replace('.', '_'))));
            return all;
        }

        @Override
        public List<ChannelSpec> channels() {
            return all().stream()
                    .map(c -> new ChannelSpec(ChannelSpec.address(base.id(), c.name()), c.type(), c.unit(),
                            c.kind() != null ? c.kind() : base.kind()))
                    .toList();
        }

        /** {@code ups@host:port}, as written in problems and as {@code upsc} takes it. */
        public String target() {
            return ups + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    @Override
    public String name() {
        return "nut";
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        String host = settings.requiredString("host").orElse("");
        if (!host.isEmpty() && !HOST.matcher(host).matches()) {
            settings.problem("host", "must be a host name or an IP address, was " + host);
        }
        int port = (int) settings.integer("port", 1, 65535).orElse(DEFAULT_PORT);
        String ups = settings.requiredString("ups").orElse("");
        if (!ups.isEmpty() && !NAME.matcher(ups).matches()) {
            settings.problem("ups", "must be a NUT UPS name (letters, digits, . _ -), was " + ups);
        }
        String username = settings.string("username").orElse(null);
        if (username != null && !NAME.matcher(username).matches()) {
            settings.problem("username", "must be letters, digits, . _ -, was " + username);
        }
        Path passwordFile = settings.readableFile("password_file", false).orElse(null);
        if (passwordFile != null && username == null) {
            settings.problem("password_file", "needs username");
        }
        if (username != null && passwordFile == null) {
            settings.problem("username", "needs password_file");
        }
        boolean starttls = settings.bool("starttls").orElse(false);
        Path caFile = settings.readableFile("ca_file", false).orElse(null);
        if (caFile != null && !starttls) {
            settings.problem("ca_file", "only used with starttls: true");
        }
        Duration timeout = settings.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            settings.problem("timeout", "must be at most 1m, was " + timeout.toSeconds() + "s");
        }
        List<String> variables = NutChannels.variables(settings).stream().map(NutChannels.Channel::variable).toList();
        return new Spec(base, host, port, ups, username, passwordFile, starttls, caFile, timeout, variables);
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) {
        return new NutSensor(spec, new NutClient(spec));
    }
}
