package org.vigie.sensors.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;

/**
 * Reads the board's health files at every poll. Each channel stands alone: a file this machine
 * does not have makes its channels {@code fault} and leaves the others good.
 */
final class HostSensor implements Sensor {

    static final Path THERMAL = Path.of("sys/class/thermal/thermal_zone0/temp");
    static final Path GET_THROTTLED = Path.of("sys/devices/platform/soc/soc:firmware/get_throttled");
    static final Path HWMON = Path.of("sys/class/hwmon");
    private static final double MIB = 1024.0 * 1024.0;

    private final HostSensorType.Spec spec;
    private final Path stateDir;

    HostSensor(HostSensorType.Spec spec, Path stateDir) {
        this.spec = spec;
        this.stateDir = stateDir;
    }

    @Override
    public String id() {
        return spec.id();
    }

    private String channel(String name) {
        return ChannelSpec.address(spec.id(), name);
    }

    @Override
    public List<Reading> read(Instant now) {
        List<Reading> out = new ArrayList<>(6);
        out.add(socTemperature(now));
        out.addAll(throttling(now));
        out.addAll(disk(now));
        return out;
    }

    private Reading socTemperature(Instant now) {
        String channel = channel(HostSensorType.SOC_TEMPERATURE);
        Path file = spec.root().resolve(THERMAL);
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            return Reading.fault(channel, now, e.getMessage());
        }
        if (!text.matches("-?\\d+")) {
            return Reading.fault(channel, now, file + ": not a number of m°C: '" + text + "'");
        }
        double celsius = Long.parseLong(text) / 1000.0;
        if (celsius < -40 || celsius > 150) {
            return Reading.fault(channel, now, file + ": " + celsius + " °C is not a plausible SoC temperature");
        }
        return Reading.number(channel, celsius, now);
    }

    private List<Reading> throttling(Instant now) {
        String uv = channel(HostSensorType.UNDER_VOLTAGE);
        String th = channel(HostSensorType.THROTTLED);
        String occurred = channel(HostSensorType.UNDER_VOLTAGE_OCCURRED);
        Path file = spec.root().resolve(GET_THROTTLED);
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            String problem = e.getMessage();
            return List.of(hwmonUnderVoltage(uv, now, problem), Reading.fault(th, now, problem),
                    Reading.fault(occurred, now, problem));
        }
        Throttled t = Throttled.parse(text);
        if (t == null) {
            String problem = file + ": not a hex throttling word: '" + text + "'";
            return List.of(Reading.fault(uv, now, problem), Reading.fault(th, now, problem),
                    Reading.fault(occurred, now, problem));
        }
        return List.of(Reading.flag(uv, t.underVoltage(), now), Reading.flag(th, t.throttled(), now),
                Reading.flag(occurred, t.underVoltageOccurred(), now));
    }

    /**
     * Without {@code get_throttled}, the kernel's {@code rpi_volt} hwmon device still tells
     * under-voltage now ({@code in0_lcrit_alarm}).
     */
    private Reading hwmonUnderVoltage(String channel, Instant now, String problem) {
        Path hwmon = spec.root().resolve(HWMON);
        if (!Files.isDirectory(hwmon)) {
            return Reading.fault(channel, now, problem);
        }
        try (Stream<Path> devices = Files.list(hwmon)) {
            for (Path device : devices.sorted().toList()) {
                Path name = device.resolve("name");
                if (Files.isRegularFile(name) && read(name).equals("rpi_volt")) {
                    String alarm = read(device.resolve("in0_lcrit_alarm"));
                    if (alarm.equals("0") || alarm.equals("1")) {
                        return Reading.flag(channel, alarm.equals("1"), now);
                    }
                    return Reading.fault(channel, now, device.resolve("in0_lcrit_alarm") + ": not 0 or 1: '" + alarm + "'");
                }
            }
        } catch (IOException e) {
            return Reading.fault(channel, now, problem + "; and " + hwmon + ": " + e.getMessage());
        }
        return Reading.fault(channel, now, problem);
    }

    private List<Reading> disk(Instant now) {
        String pct = channel(HostSensorType.DISK_FREE_PCT);
        String mb = channel(HostSensorType.DISK_FREE_MB);
        if (stateDir == null) {
            String problem = "no state_dir to measure";
            return List.of(Reading.fault(pct, now, problem), Reading.fault(mb, now, problem));
        }
        try {
            FileStore store = Files.getFileStore(stateDir);
            long total = store.getTotalSpace();
            long usable = store.getUsableSpace();
            if (total <= 0) {
                String problem = "state_dir " + stateDir + ": its file system reports a size of 0";
                return List.of(Reading.fault(pct, now, problem), Reading.fault(mb, now, problem));
            }
            return List.of(Reading.number(pct, 100.0 * usable / total, now), Reading.number(mb, usable / MIB, now));
        } catch (IOException e) {
            String problem = "state_dir " + stateDir + ": " + (e instanceof NoSuchFileException ? "no such directory"
                    : e.getMessage());
            return List.of(Reading.fault(pct, now, problem), Reading.fault(mb, now, problem));
        }
    }

    /** A small sysfs file, trimmed; a missing one is said plainly. */
    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file on this machine (not a Raspberry Pi, or an older kernel)", e);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
