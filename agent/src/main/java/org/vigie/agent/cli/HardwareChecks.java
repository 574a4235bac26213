package org.vigie.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.gpio.FirmwareConfig;
import org.vigie.sensors.gpio.GpioSensorType;
import org.vigie.sensors.onewire.OneWireSensorType;

/** What {@code vigie check} can tell about the board without opening any device. */
final class HardwareChecks {
    private HardwareChecks() {
    }

    /** Lists the 1-Wire devices present for every {@code onewire} sensor (read-only sysfs listing). */
    static void oneWireDevices(AgentConfig cfg, PrintStream out) {
        for (SensorSpec s : cfg.sensors()) {
            if (s instanceof OneWireSensorType.Spec w) {
                try {
                    List<String> present = OneWireSensorType.presentDevices(w.path());
                    out.println("1-Wire devices in " + w.path() + " (for " + s.id() + ", device " + w.device() + "): "
                            + (present.isEmpty() ? "none" : String.join(", ", present)));
                } catch (IOException e) {
                    out.println("1-Wire devices in " + w.path() + ": cannot list: " + Errors.describe(e));
                }
            }
        }
    }

    /**
     * Warns for every configured GPIO pin that an overlay of {@code config.txt} uses.
     *
     * @return {@code false} when the file cannot be read
     */
    static boolean firmware(AgentConfig cfg, Path configTxt, PrintStream out) {
        FirmwareConfig fw;
        try {
            fw = FirmwareConfig.read(configTxt);
        } catch (IOException e) {
            out.println(configTxt + ": cannot read: " + Errors.describe(e));
            return false;
        }
        int warnings = 0;
        for (SensorSpec s : cfg.sensors()) {
            if (s instanceof GpioSensorType.Spec g) {
                warnings += warn(out, fw, s.id() + ".pin", g.pin());
                if (g.supervision() != null) {
                    warnings += warn(out, fw, s.id() + ".supervision_pin", g.supervision().pin());
                }
            }
        }
        out.println(configTxt + ": " + (warnings == 0 ? "no GPIO pin conflicts" : warnings + " warning(s)"));
        return true;
    }

    private static int warn(PrintStream out, FirmwareConfig fw, String what, int pin) {
        return fw.claim(pin).map(c -> {
            out.println("warning: " + what + ": " + c.describe());
            return 1;
        }).orElse(0);
    }
}
