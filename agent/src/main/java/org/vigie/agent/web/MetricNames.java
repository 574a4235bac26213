package org.vigie.agent.web;

import java.util.Locale;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.ValueType;

/**
 * A channel's Prometheus metric name and the factor to its base unit (docs/metrics.md): the unit
 * decides, then the kind; booleans are {@code vigie_state}; anything else {@code vigie_value}.
 *
 * @param name   the metric name
 * @param factor what a reading is multiplied by (percent to ratio, minutes to seconds…)
 */
record MetricNames(String name, double factor) {

    static MetricNames of(ChannelSpec c) {
        if (c.type() == ValueType.BOOLEAN) {
            return new MetricNames("vigie_state", 1);
        }
        String unit = c.unit() == null ? "" : c.unit().trim();
        String kind = c.kind() == null ? null : c.kind().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (unit) {
            case "°C", "C", "degC", "celsius":
                return new MetricNames("vigie_temperature_celsius", 1);
            case "V", "volt", "volts":
                return new MetricNames("vigie_voltage_volts", 1);
            case "A", "amp", "amperes":
                return new MetricNames("vigie_current_amperes", 1);
            case "mA":
                return new MetricNames("vigie_current_amperes", 0.001);
            case "W", "watts":
                return new MetricNames("vigie_power_watts", 1);
            case "kW":
                return new MetricNames("vigie_power_watts", 1000);
            case "VA":
                return new MetricNames("vigie_apparent_power_voltamperes", 1);
            case "Wh":
                return new MetricNames("vigie_energy_joules", 3600);
            case "kWh":
                return new MetricNames("vigie_energy_joules", 3_600_000);
            case "Hz":
                return new MetricNames("vigie_frequency_hertz", 1);
            case "%", "percent":
                return new MetricNames(kind == null ? "vigie_ratio" : "vigie_" + kind + "_ratio", 0.01);
            case "s", "sec", "seconds":
                return new MetricNames(kind == null ? "vigie_duration_seconds" : "vigie_" + kind + "_seconds", 1);
            case "ms":
                return new MetricNames(kind == null ? "vigie_duration_seconds" : "vigie_" + kind + "_seconds", 0.001);
            case "min":
                return new MetricNames(kind == null ? "vigie_duration_seconds" : "vigie_" + kind + "_seconds", 60);
            case "MB":
                return new MetricNames(kind == null ? "vigie_bytes" : "vigie_" + kind + "_bytes", 1024.0 * 1024.0); // MiB, as the host sensor counts
            case "dBm":
                return new MetricNames("vigie_signal_dbm", 1);
            case "Pa":
                return new MetricNames("vigie_pressure_pascals", 1);
            case "hPa":
                return new MetricNames("vigie_pressure_pascals", 100);
            default:
                break;
        }
        if ("temperature".equals(kind)) {
            return new MetricNames("vigie_temperature_celsius", 1);
        }
        if ("humidity".equals(kind)) {
            return new MetricNames("vigie_humidity_ratio", 0.01);
        }
        return new MetricNames("vigie_value", 1);
    }
}
