package org.vigie.sensors.modbus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in register maps, documented in this package's README. Addresses are 0-based as on the
 * wire; Eastron manuals number input registers from 30001.
 */
final class Profiles {

    /**
     * A device's map.
     *
     * @param registers what is read
     * @param maxGap    unused registers a block may span: the device answers for them
     */
    record Profile(String name, List<Register> registers, int maxGap) {
    }

    private static final Map<String, Profile> ALL = Map.of(
            "sdm120", new Profile("sdm120", List.of(
                    eastron("voltage", 0x0000, "V", "voltage"),
                    eastron("current", 0x0006, "A", "current"),
                    eastron("power", 0x000C, "W", "power"),
                    eastron("frequency", 0x0046, "Hz", "frequency"),
                    eastron("energy", 0x0156, "kWh", "energy")), 8),
            "sdm630", new Profile("sdm630", List.of(
                    eastron("voltage_l1", 0x0000, "V", "voltage"),
                    eastron("voltage_l2", 0x0002, "V", "voltage"),
                    eastron("voltage_l3", 0x0004, "V", "voltage"),
                    eastron("current_l1", 0x0006, "A", "current"),
                    eastron("current_l2", 0x0008, "A", "current"),
                    eastron("current_l3", 0x000A, "A", "current"),
                    eastron("power_l1", 0x000C, "W", "power"),
                    eastron("power_l2", 0x000E, "W", "power"),
                    eastron("power_l3", 0x0010, "W", "power"),
                    eastron("power", 0x0034, "W", "power"),
                    eastron("frequency", 0x0046, "Hz", "frequency"),
                    eastron("energy", 0x0156, "kWh", "energy")), 8),
            "xy-md02", new Profile("xy-md02", List.of(
                    new Register("temperature", 0x0001, RtuFrames.READ_INPUT, RegisterType.INT16, WordOrder.BIG,
                            0.1, 0, "°C", "temperature"),
                    new Register("humidity", 0x0002, RtuFrames.READ_INPUT, RegisterType.UINT16, WordOrder.BIG,
                            0.1, 0, "%", "humidity")), 0));

    private Profiles() {
    }

    static Optional<Profile> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    static java.util.Set<String> names() {
        return new java.util.TreeSet<>(ALL.keySet());
    }

    private static Register eastron(String channel, int address, String unit, String kind) {
        return new Register(channel, address, RtuFrames.READ_INPUT, RegisterType.FLOAT32, WordOrder.BIG, 1, 0, unit, kind);
    }
}
