package org.vigie.sensors.snmp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;

/**
 * {@code type: snmp}: values read with SNMP GETs (v1, v2c, v3 USM) from a UPS, a PDU or a
 * probe, through a profile ({@code ups-mib}, {@code apc-ups}, {@code apc-pdu}, {@code eaton-ups},
 * {@code geist}) or an explicit {@code oids} list. See README.md.
 */
public final class SnmpSensorType implements SensorType<SnmpSensorType.Spec> {

    /**
     * With the default interval of 1 s, a read waits at most 400 ms × 2 tries + 200 ms = 1 s: within
     * the interval, and a third of the default stale_after (3 s), so one slow answer is never stale.
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(400);
    static final int DEFAULT_RETRIES = 1;
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern OID = Pattern.compile("\\.?[0-9]+(\\.[0-9]+)+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Set<String> V3_KEYS = Set.of("user", "security_level", "auth_protocol",
            "auth_password_file", "priv_protocol", "priv_password_file");

    /**
     * SNMPv3 USM credentials.
     *
     * @param privPasswordFile {@code null} for {@code authNoPriv}
     */
    public record V3(String user, String securityLevel, String authProtocol, Path authPasswordFile,
                     String privProtocol, Path privPasswordFile) {
        public boolean privacy() {
            return "authPriv".equals(securityLevel);
        }
    }

    /**
     * A validated {@code snmp} sensor.
     *
     * @param host          the agent's host name or address; the trap receiver matches traps on it
     * @param version       {@code 1}, {@code 2c} or {@code 3}
     * @param communityFile for v1 and v2c, else {@code null}
     * @param v3            for v3, else {@code null}
     * @param profile       a profile name ({@code ups-mib}…), or {@code null} with explicit {@code oids}
     * @param oids          what is read: the profile's channels or the explicit ones
     */
    public record Spec(SensorBase base, String host, int port, String version, Path communityFile, V3 v3,
                       String profile, List<OidChannel> oids, Duration timeout, int retries) implements SensorSpec {
        public Spec {
            oids = List.copyOf(oids);
        }

        @Override
        public List<ChannelSpec> channels() {
            return oids.stream()
                    .map(c -> new ChannelSpec(ChannelSpec.address(base.id(), c.name()), c.type(),
                            c.unit(), c.kind() != null ? c.kind() : base.kind()))
                    .toList();
        }

        /** {@code host:port}, as written in problems. */
        public String target() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        /** How long one read may wait for its answer at most: timeout × (retries + 1). */
        public Duration maxWait() {
            return timeout.multipliedBy(retries + 1L);
        }

        /** {@link #maxWait()} and the session's slack. */
        @Override
        public java.util.Optional<Duration> longestRead() {
            return java.util.Optional.of(maxWait().plusMillis(SnmpSensor.MARGIN_MILLIS));
        }
    }

    @Override
    public String name() {
        return "snmp";
    }

    /**
     * Every second: a UPS going on battery must be known within a second even without traps
     * (docs/performance.md §6: median 0.46 s at 1 s against 2.9 s at 5 s). One GET of a handful of
     * OIDs a second is light for a UPS card; set a longer interval for fragile ones.
     */
    @Override
    public java.time.Duration defaultInterval() {
        return java.time.Duration.ofSeconds(1);
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        String host = settings.requiredString("host").orElse("");
        if (!host.isEmpty() && !HOST.matcher(host).matches()) {
            settings.problem("host", "must be a host name or an IP address, was " + host);
        }
        int port = (int) settings.integer("port", 1, 65535).orElse(161);
        String version = settings.choice("version", Set.of("1", "2c", "3")).orElse("2c");
        Path community = null;
        V3 v3 = null;
        if (version.equals("3")) {
            if (settings.has("community_file")) {
                settings.problem("community_file", "not used with version: 3 (give user and *_password_file)");
            }
            v3 = parseV3(settings);
        } else {
            community = settings.readableFile("community_file", true).orElse(null);
            for (String key : V3_KEYS) {
                if (settings.has(key)) {
                    settings.problem(key, "only used with version: 3, this sensor has version: " + version);
                }
            }
        }
        String profile = settings.choice("profile", SnmpProfiles.names()).orElse(null);
        List<OidChannel> oids = new ArrayList<>();
        if (settings.has("profile") && settings.has("oids")) {
            settings.problem("oids", "give either profile or oids, not both");
        } else if (!settings.has("profile") && !settings.has("oids")) {
            settings.problem("profile", "missing: give profile: (" + String.join(", ", SnmpProfiles.names())
                    + ") or an oids: list of {channel, oid}");
        } else if (ApcPdu.NAME.equals(profile)) {
            int phases = (int) settings.integer("phases", 1, 3).orElse(1);
            int banks = (int) settings.integer("banks", 0, 8).orElse(0);
            oids.addAll(ApcPdu.channels(phases, banks));
        } else if (profile != null) {
            oids.addAll(SnmpProfiles.byName(profile).orElseThrow().channels());
        } else if (settings.has("oids")) {
            oids.addAll(parseOids(settings));
        }
        Duration timeout = settings.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            settings.problem("timeout", "must be at most 1m, was " + timeout.toSeconds() + "s");
        }
        int retries = (int) settings.integer("retries", 0, 10).orElse(DEFAULT_RETRIES);
        return new Spec(base, host, port, version, community, v3, profile, oids, timeout, retries);
    }

    private static V3 parseV3(Settings settings) {
        String user = settings.requiredString("user").orElse(null);
        String level = settings.choice("security_level", Set.of("authPriv", "authNoPriv")).orElse("authPriv");
        String auth = settings.choice("auth_protocol", Set.of("sha", "sha256")).orElse("sha");
        Path authFile = settings.readableFile("auth_password_file", true).orElse(null);
        String priv = settings.choice("priv_protocol", Set.of("aes128")).orElse("aes128");
        Path privFile = null;
        if (level.equals("authPriv")) {
            privFile = settings.readableFile("priv_password_file", true).orElse(null);
        } else {
            for (String key : List.of("priv_protocol", "priv_password_file")) {
                if (settings.has(key)) {
                    settings.problem(key, "not used with security_level: authNoPriv");
                }
            }
        }
        return new V3(user, level, auth, authFile, priv, privFile);
    }

    private static List<OidChannel> parseOids(Settings settings) {
        List<OidChannel> out = new ArrayList<>();
        List<Settings> items = settings.objects("oids").orElse(List.of());
        if (items.isEmpty() && settings.has("oids")) {
            settings.problem("oids", "must list at least one {channel, oid}");
        }
        Set<String> names = new HashSet<>();
        for (Settings item : items) {
            String channel = item.requiredString("channel").orElse(null);
            if (channel != null && !CHANNEL.matcher(channel).matches()) {
                item.problem("channel", "must match [a-z0-9][a-z0-9_-]*, was " + channel);
            } else if (channel != null && !names.add(channel)) {
                item.problem("channel", "duplicate channel " + channel);
            }
            String oid = item.requiredString("oid").orElse(null);
            if (oid != null && !OID.matcher(oid).matches()) {
                item.problem("oid", "must be a numeric OID like 1.3.6.1.4.1.318.1.1.1.2.2.1.0, was " + oid);
            }
            double scale = item.number("scale").orElse(1.0);
            if (scale == 0.0) {
                item.problem("scale", "must not be 0");
            }
            String unit = item.string("unit").orElse(null);
            if (channel != null && oid != null) {
                OidChannel c = OidChannel.number(channel, oid.startsWith(".") ? oid.substring(1) : oid, scale, unit, null);
                out.add(unknownMarker(item, c));
            }
        }
        return out;
    }

    /**
     * {@code min}/{@code max}: the raw answers the device's MIB allows; {@code unknown: -1}: the raw
     * answer it gives when it has no value. Anything outside, or the marker, is a fault reading.
     */
    private static OidChannel unknownMarker(Settings item, OidChannel c) {
        long min = item.integer("min", Long.MIN_VALUE, Long.MAX_VALUE).orElse(Long.MIN_VALUE);
        long max = item.integer("max", Long.MIN_VALUE, Long.MAX_VALUE).orElse(Long.MAX_VALUE);
        if (min > max) {
            item.problem("max", "must be at least min (" + min + "), was " + max);
        } else if (item.has("min") || item.has("max")) {
            c = c.range(min, max);
        }
        var raw = item.integer("unknown", Long.MIN_VALUE, Long.MAX_VALUE);
        return raw.isPresent() ? c.unknown(raw.getAsLong(), String.valueOf(raw.getAsLong())) : c;
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) throws IOException {
        return new SnmpSensor(spec, SnmpEngine.acquire());
    }
}
