package org.vigie.agent.homeassistant;

import java.util.regex.Pattern;
import org.vigie.sensors.Settings;

/**
 * The agent's {@code homeassistant:} section (SPEC §7).
 *
 * <pre>
 * homeassistant:
 *   discovery: true          # announce the agent to Home Assistant (default false)
 *   prefix: homeassistant    # Home Assistant's discovery prefix (default homeassistant)
 * </pre>
 *
 * @param discovery whether the agent announces its channels and alarms to Home Assistant
 * @param prefix    the discovery prefix: configs go under {@code <prefix>/<component>/…/config}
 */
public record HomeAssistantConfig(boolean discovery, String prefix) {

    public static final String DEFAULT_PREFIX = "homeassistant";
    /** MQTT topic levels without wildcards or spaces, as Home Assistant's own setting accepts in practice. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    /** No section: nothing announced. */
    public static final HomeAssistantConfig OFF = new HomeAssistantConfig(false, DEFAULT_PREFIX);

    public HomeAssistantConfig {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be MQTT topic levels like homeassistant, was " + prefix);
        }
    }

    /** Reads the section, reporting each bad key where it is written; a bad prefix leaves the default. */
    public static HomeAssistantConfig parse(Settings s) {
        boolean discovery = s.bool("discovery").orElse(false);
        String prefix = s.string("prefix").orElse(DEFAULT_PREFIX);
        if (!PREFIX.matcher(prefix).matches()) {
            s.problem("prefix", "must be an MQTT topic without wildcards or spaces, like homeassistant or ha/discovery, was "
                    + (prefix.isEmpty() ? "empty" : prefix));
            prefix = DEFAULT_PREFIX;
        }
        return new HomeAssistantConfig(discovery, prefix);
    }

    /** Where Home Assistant announces itself ({@code online} when its MQTT integration starts). */
    public String statusTopic() {
        return prefix + "/status";
    }
}
