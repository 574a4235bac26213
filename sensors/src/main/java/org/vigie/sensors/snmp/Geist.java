package org.vigie.sensors.snmp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/**
 * {@code profile: geist}: Geist / Vertiv Watchdog climate monitors (Watchdog 15, 100, 1200 with
 * firmware 4), from GEIST-V4-MIB ({@code 1.3.6.1.4.1.21239.5.1}, revision 2012-09-11): the
 * internal sensor and the first remote temperature probe.
 *
 * <p>Temperatures are tenths of a degree in the unit the monitor is set to
 * ({@code temperatureUnits}: 0 Fahrenheit, 1 Celsius). vigie reads that object at every poll and
 * publishes Celsius either way. The MIB declares {@code Integer32(-40..200)} for values it
 * documents in tenths; the range checked is that range in tenths, Fahrenheit included.
 */
final class Geist {

    static final String NAME = "geist";
    private static final String WD = "1.3.6.1.4.1.21239.5.1";
    /** -40 °C (= -40 °F) to 200 °C (392 °F), in tenths. */
    private static final long T_MIN = -400;
    private static final long T_MAX = 3920;
    static final String CELSIUS = "units_celsius";
    private static final List<String> TEMPERATURES = List.of("internal_temperature", "internal_dew_point",
            "remote1_temperature");

    static final List<OidChannel> CHANNELS = List.of(
            OidChannel.flag(CELSIUS, WD + ".1.7.0", Set.of(1)).range(0, 1),
            OidChannel.number("internal_temperature", WD + ".2.1.5.1", 0.1, "°C", "temperature").range(T_MIN, T_MAX),
            OidChannel.number("internal_humidity_pct", WD + ".2.1.6.1", 1.0, "%", "humidity").range(0, 100),
            OidChannel.number("internal_dew_point", WD + ".2.1.7.1", 0.1, "°C", "temperature").range(T_MIN, T_MAX),
            OidChannel.number("remote1_temperature", WD + ".4.1.5.1", 0.1, "°C", "temperature").range(T_MIN, T_MAX));

    static final SnmpProfile PROFILE = new SnmpProfile(NAME, "GEIST-V4-MIB", CHANNELS,
            Map.of(WD + ".32767.0.10205", "internalTempNOTIFY", WD + ".32767.0.20205", "internalTempCLEAR",
                    WD + ".32767.0.10206", "internalHumidityNOTIFY", WD + ".32767.0.10405", "tempSensorTempNOTIFY",
                    WD + ".32767.0.*", "GEIST-V4-MIB trap"),
            Map.of("model", WD + ".1.1.0", "firmware", WD + ".1.2.0", "name", WD + ".1.3.0",
                    "serial", WD + ".2.1.2.1"),
            Map.of("mfr", "Geist"), Geist::toCelsius);

    /** Fahrenheit readings become Celsius; without a known unit, no temperature is trusted. */
    static void toCelsius(String sensorId, Map<String, Reading> byChannel) {
        Reading unit = byChannel.get(CELSIUS);
        for (String name : TEMPERATURES) {
            Reading r = byChannel.get(name);
            if (r == null || !r.good()) {
                continue;
            }
            String address = ChannelSpec.address(sensorId, name);
            if (unit == null || !unit.good()) {
                byChannel.put(name, Reading.fault(address, r.ts(), "temperature unit unknown (temperatureUnits: "
                        + (unit == null ? "not read" : unit.problem()) + ")"));
            } else if (!Boolean.TRUE.equals(unit.value())) {
                double c = BigDecimal.valueOf(r.asDouble()).subtract(BigDecimal.valueOf(32))
                        .multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), 1, RoundingMode.HALF_UP)
                        .doubleValue();
                byChannel.put(name, Reading.number(address, c, r.ts()));
            }
        }
    }

    private Geist() {
    }
}
