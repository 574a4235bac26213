package org.vigie.sensors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.sensors.file.FileSensorType;
import org.vigie.sensors.gpio.GpioSensorType;
import org.vigie.sensors.host.HostSensorType;
import org.vigie.sensors.onewire.OneWireSensorType;
import org.vigie.sensors.modbus.ModbusSensorType;
import org.vigie.sensors.modem.ModemSensorType;
import org.vigie.sensors.ups.SerialUpsSensorType;
import org.vigie.sensors.nut.NutSensorType;
import org.vigie.sensors.sim.SimSensorType;
import org.vigie.sensors.snmp.SnmpSensorType;

/** The registry of driver types: one plain table, one line per driver. */
public final class SensorTypes {

    private static final List<SensorType<?>> ALL = List.of(
            new FileSensorType(),
            new SimSensorType(),
            new GpioSensorType(),
            new OneWireSensorType(),
            new HostSensorType(),
            new ModbusSensorType(),
            new SerialUpsSensorType(),
            new SnmpSensorType(),
            new NutSensorType(),
            new ModemSensorType());

    private static final Map<String, SensorType<?>> BY_NAME = index();

    private SensorTypes() {
    }

    private static Map<String, SensorType<?>> index() {
        Map<String, SensorType<?>> map = new LinkedHashMap<>();
        for (SensorType<?> type : ALL) {
            if (map.put(type.name(), type) != null) {
                throw new IllegalStateException("two sensor types named " + type.name());
            }
        }
        return Map.copyOf(map);
    }

    public static Optional<SensorType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every type name, in registry order. */
    public static List<String> names() {
        return ALL.stream().map(SensorType::name).toList();
    }
}
