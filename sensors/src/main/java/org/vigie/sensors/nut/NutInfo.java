package org.vigie.sensors.nut;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UPS's identity from its NUT variables: {@code device.*} first, the older {@code ups.*}
 * names when a driver only has those (docs/nut-names.txt).
 */
final class NutInfo {

    /** Identity key to the NUT variables that may hold it, preferred first. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "mfr", List.of("device.mfr", "ups.mfr"),
            "model", List.of("device.model", "ups.model"),
            "serial", List.of("device.serial", "ups.serial"),
            "firmware", List.of("ups.firmware"),
            "device_type", List.of("device.type"),
            "driver", List.of("driver.name"));
    private static final List<String> ORDER = List.of("mfr", "model", "serial", "firmware", "device_type", "driver");
    private static final int MAX_CHARS = 64;

    private NutInfo() {
    }

    static Map<String, String> of(Map<String, String> vars) {
        Map<String, String> info = new LinkedHashMap<>();
        for (String key : ORDER) {
            for (String variable : KEYS.get(key)) {
                String value = vars.get(variable);
                if (value != null && !value.isBlank() && !value.startsWith(NutClient.GARBLED)) {
                    String v = value.strip();
                    info.put(key, v.length() > MAX_CHARS ? v.substring(0, MAX_CHARS) : v);
                    break;
                }
            }
        }
        if (!info.containsKey("mfr") && !info.containsKey("model") && !info.containsKey("serial")) {
            return Map.of();
        }
        return Map.copyOf(info);
    }
}
