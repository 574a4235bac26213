package org.vigie.sensors.modbus;

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
import org.vigie.sensors.ValueType;
import org.vigie.sensors.serial.LineSettings;
import org.vigie.sensors.serial.SerialLink;
import org.vigie.sensors.serial.SerialPorts;

/**
 * {@code type: modbus}: a Modbus RTU device on a serial line or RS-485 bus, or a Modbus TCP device
 * or gateway ({@code tcp: host:port}) (see README.md).
 */
public final class ModbusSensorType implements SensorType<ModbusSensorType.Spec> {

    static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(5);

    static final int DEFAULT_TCP_PORT = 502;
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::(\\d{1,5}))?");
    private static final List<String> SERIAL_KEYS = List.of("baud", "parity", "stop_bits", "data_bits");

    /** A Modbus TCP endpoint. */
    public record TcpAddress(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * A validated {@code modbus} sensor: {@code port} and {@code line} for RTU, or {@code tcp}
     * (then {@code port} and {@code line} are null).
     */
    public record Spec(SensorBase base, Path port, LineSettings line, int unitId, String profile,
                       List<Register> registers, int maxGap, Duration timeout, int retries,
                       int failuresBeforeFault, TcpAddress tcp) implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            return registers.stream().map(r -> new ChannelSpec(ChannelSpec.address(base.id(), r.channel()),
                    ValueType.NUMBER, r.unit(), r.kind() != null ? r.kind() : base.kind())).toList();
        }

        List<Block> blocks() {
            return Block.plan(registers, maxGap, RtuFrames.MAX_COUNT);
        }

        /** Every request of a read, each waiting {@code timeout} for every try. */
        @Override
        public java.util.Optional<Duration> longestRead() {
            return java.util.Optional.of(timeout.multipliedBy((long) blocks().size() * (retries + 1L)));
        }
    }

    private final SerialPorts ports;

    /** On the machine's real serial ports. */
    public ModbusSensorType() {
        this(SerialPorts.system());
    }

    public ModbusSensorType(SerialPorts ports) {
        this.ports = ports;
    }

    @Override
    public String name() {
        return "modbus";
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        TcpAddress tcp = settings.has("tcp") ? tcp(settings) : null;
        Path port = null;
        LineSettings line = null;
        if (settings.has("tcp") && settings.has("port")) {
            settings.problem("port", "give either port (Modbus RTU on a serial line) or tcp (Modbus TCP), not both");
        } else if (settings.has("tcp")) {
            for (String key : SERIAL_KEYS) {
                if (settings.has(key)) {
                    settings.problem(key, "a serial line setting; this sensor speaks Modbus TCP (tcp:)");
                }
            }
        } else if (!settings.has("port")) {
            settings.problem("port", "missing: the serial port (port: /dev/ttyUSB0), or tcp: HOST:PORT for Modbus TCP");
            line = LineSettings.read(settings, 9600, true);
        } else {
            port = settings.requiredString("port").map(Path::of).orElse(null);
            line = LineSettings.read(settings, 9600, true);
        }
        // Modbus TCP devices often answer as unit 0 or 255; behind a gateway it is the RTU address.
        int maxUnit = settings.has("tcp") ? 255 : 247;
        int unit = (int) settings.integer("unit_id", settings.has("tcp") ? 0 : 1, maxUnit).orElse(1);
        if (!settings.has("unit_id")) {
            settings.problem("unit_id", settings.has("tcp")
                    ? "missing: the unit to address, 0…255 (behind a gateway: the device's Modbus address)"
                    : "missing: the device's Modbus address, 1…247");
        }
        Duration timeout = settings.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            settings.problem("timeout", "must be at most 5s (it holds the whole bus), was " + timeout.toMillis() + "ms");
            timeout = MAX_TIMEOUT;
        }
        int retries = (int) settings.integer("retries", 0, 5).orElse(1);
        int failures = (int) settings.integer("failures_before_fault", 1, 100).orElse(3);
        String profile = settings.string("profile").orElse(null);
        List<Register> registers = List.of();
        int maxGap = 0;
        if (profile != null && settings.has("registers")) {
            settings.problem("registers", "give either profile or registers, not both");
        } else if (profile != null) {
            var p = Profiles.byName(profile);
            if (p.isEmpty()) {
                settings.problem("profile", "must be one of " + Profiles.names() + ", was " + profile);
            } else {
                registers = p.get().registers();
                maxGap = p.get().maxGap();
            }
        } else if (settings.has("registers")) {
            registers = registers(settings);
        } else {
            settings.problem("profile", "missing: give a profile (" + String.join(", ", Profiles.names())
                    + ") or a list of registers");
        }
        return new Spec(base, port, line, unit, profile, registers, maxGap, timeout, retries, failures, tcp);
    }

    /** {@code tcp: host:port} (the port defaults to 502, Modbus TCP's own). */
    private static TcpAddress tcp(Settings settings) {
        String text = settings.string("tcp").orElse(null);
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = HOST_PORT.matcher(text.strip());
        int port = -1;
        if (m.matches()) {
            port = m.group(2) == null ? DEFAULT_TCP_PORT : Integer.parseInt(m.group(2));
        }
        if (port < 1 || port > 65535) {
            settings.problem("tcp", "must be HOST:PORT (port 1…65535; 502 when left out), like 192.0.2.20:502, was "
                    + text);
            return null;
        }
        return new TcpAddress(m.group(1), port);
    }

    private static List<Register> registers(Settings settings) {
        List<Settings> items = settings.objects("registers").orElse(List.of());
        if (items.isEmpty()) {
            settings.problem("registers", "must list at least one register");
        }
        List<Register> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Settings item : items) {
            String channel = item.requiredString("channel").orElse(null);
            if (channel != null && !CHANNEL.matcher(channel).matches()) {
                item.problem("channel", "must match [a-z0-9][a-z0-9_-]*, was " + channel);
                channel = null;
            } else if (channel != null && !seen.add(channel)) {
                item.problem("channel", "duplicate channel " + channel);
                channel = null;
            }
            if (!item.has("address")) {
                item.problem("address", "missing: the 0-based register address, 0…65535");
            }
            long address = item.integer("address", 0, 65535).orElse(-1);
            long function = item.integer("function", 3, 4).orElse(RtuFrames.READ_HOLDING);
            RegisterType type = item.choice("type", names(RegisterType.values()))
                    .map(s -> RegisterType.valueOf(s.toUpperCase(java.util.Locale.ROOT))).orElse(RegisterType.UINT16);
            WordOrder order = item.choice("word_order", names(WordOrder.values()))
                    .map(s -> WordOrder.valueOf(s.toUpperCase(java.util.Locale.ROOT))).orElse(WordOrder.BIG);
            double scale = item.number("scale").orElse(1.0);
            if (scale == 0.0) {
                item.problem("scale", "must not be 0");
            }
            double offset = item.number("offset").orElse(0.0);
            String unit = item.string("unit").orElse(null);
            if (address + type.words() > 0x10000) {
                item.problem("address", type.wire() + " at " + address + " runs past register 65535");
            } else if (channel != null && address >= 0) {
                out.add(new Register(channel, (int) address, (int) function, type, order, scale, offset, unit, null));
            }
        }
        return List.copyOf(out);
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new java.util.TreeSet<>();
        for (Enum<?> v : values) {
            names.add(v.name().toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) throws IOException {
        if (spec.tcp() != null) {
            String host = spec.tcp().host().replaceAll("^\\[|\\]$", "");
            TcpMaster master = new TcpMaster(TcpGateway.acquire(host, spec.tcp().port()), spec.timeout(), spec.retries());
            return new ModbusSensor(spec, master, context.clock());
        }
        SerialLink link = ports.acquire(spec.port(), spec.line(), spec.id());
        return new ModbusSensor(spec, new RtuMaster(link, spec.timeout(), spec.retries()), context.clock());
    }
}
