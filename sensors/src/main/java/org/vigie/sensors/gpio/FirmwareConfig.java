package org.vigie.sensors.gpio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which BCM pins a Raspberry Pi {@code config.txt} hands to firmware interfaces, so that
 * {@code vigie check --firmware FILE} can warn when a {@code gpio} sensor uses one of them.
 *
 * <p>Recognised: {@code dtoverlay=w1-gpio} and {@code w1-gpio-pullup} ({@code gpiopin}, default 4;
 * {@code extpullup} when given), {@code enable_uart=1}, {@code dtoverlay=uart0} and
 * {@code dtparam=uart0=on} (14, 15), {@code dtparam=i2c_arm=on} or {@code i2c=on} (2, 3),
 * {@code dtparam=spi=on} (7 to 11), {@code dtoverlay=i2c-gpio} (23, 24), {@code gpio-shutdown} (3)
 * and {@code gpio-poweroff} (26), with their pin parameters given on the line or by following
 * {@code dtparam} lines. Conditional sections are all taken as applying (a warning too many beats
 * one missed) except {@code [none]}; {@code include} files are not followed.
 */
public final class FirmwareConfig {

    /**
     * A pin taken by the firmware.
     *
     * @param bcm    the BCM number
     * @param use    what takes it, like {@code 1-Wire} or {@code UART TXD}
     * @param line   the 1-based line of the setting that takes it
     * @param source that line, as written
     */
    public record Claim(int bcm, String use, int line, String source) {
        /** For a warning: {@code BCM 4 is used by 1-Wire (line 12: dtoverlay=w1-gpio)}. */
        public String describe() {
            return "BCM " + bcm + " is used by " + use + " (line " + line + ": " + source + ")";
        }
    }

    private final List<Claim> claims;

    private FirmwareConfig(List<Claim> claims) {
        this.claims = List.copyOf(claims);
    }

    /** Reads a {@code config.txt}. */
    public static FirmwareConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the text of a {@code config.txt}. Unknown settings are ignored: only pins matter here. */
    public static FirmwareConfig parse(String text) {
        return new Parser().run(text);
    }

    /** Every pin claim, in file order. */
    public List<Claim> claims() {
        return claims;
    }

    /** The first claim on {@code bcm}, if any. */
    public Optional<Claim> claim(int bcm) {
        return claims.stream().filter(c -> c.bcm() == bcm).findFirst();
    }

    private static final class Parser {
        private final List<Claim> claims = new ArrayList<>();
        private String overlay;
        private Map<String, String> overlayParams;
        private int overlayLine;
        private String overlaySource;

        FirmwareConfig run(String text) {
            boolean skipping = false;
            String[] lines = text.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = stripComment(lines[i]).trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    endOverlay();
                    skipping = line.toLowerCase(Locale.ROOT).startsWith("[none]");
                    continue;
                }
                int eq = line.indexOf('=');
                if (skipping || eq < 0) {
                    continue;
                }
                setting(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), line.substring(eq + 1).trim(),
                        i + 1, line);
            }
            endOverlay();
            // An overlay's pins are known only after its dtparam lines; report them at its own line.
            claims.sort(Comparator.comparingInt(Claim::line));
            return new FirmwareConfig(claims);
        }

        private static String stripComment(String line) {
            int hash = line.indexOf('#');
            return hash < 0 ? line : line.substring(0, hash);
        }

        private void setting(String key, String value, int line, String source) {
            switch (key) {
                case "dtoverlay" -> {
                    endOverlay();
                    String[] parts = value.split(",");
                    if (!parts[0].isBlank()) {
                        overlay = parts[0].trim().toLowerCase(Locale.ROOT);
                        overlayParams = params(parts, 1);
                        overlayLine = line;
                        overlaySource = source;
                    }
                }
                case "dtparam" -> {
                    Map<String, String> params = params(value.split(","), 0);
                    if (overlay != null) {
                        overlayParams.putAll(params);
                    }
                    baseParams(params, line, source);
                }
                case "enable_uart" -> {
                    if (value.equals("1")) {
                        claim(14, "UART TXD", line, source);
                        claim(15, "UART RXD", line, source);
                    }
                }
                default -> {
                    // Not a pin setting.
                }
            }
        }

        /** Base device-tree parameters; checked even after an overlay line, to warn rather than miss. */
        private void baseParams(Map<String, String> params, int line, String source) {
            if (on(params.get("i2c_arm")) || on(params.get("i2c"))) {
                claim(2, "I2C SDA", line, source);
                claim(3, "I2C SCL", line, source);
            }
            if (on(params.get("spi"))) {
                for (int pin = 7; pin <= 11; pin++) {
                    claim(pin, "SPI0", line, source);
                }
            }
            if (on(params.get("uart0"))) {
                claim(14, "UART TXD", line, source);
                claim(15, "UART RXD", line, source);
            }
        }

        private void endOverlay() {
            if (overlay == null) {
                return;
            }
            switch (overlay) {
                case "w1-gpio", "w1-gpio-pullup" -> {
                    pin("gpiopin", 4, "1-Wire");
                    if (overlayParams.containsKey("extpullup")) {
                        pin("extpullup", -1, "1-Wire external pull-up");
                    }
                }
                case "uart0" -> {
                    pin("txd0_pin", 14, "UART TXD");
                    pin("rxd0_pin", 15, "UART RXD");
                }
                case "i2c-gpio" -> {
                    pin("i2c_gpio_sda", 23, "I2C (i2c-gpio) SDA");
                    pin("i2c_gpio_scl", 24, "I2C (i2c-gpio) SCL");
                }
                case "gpio-shutdown" -> pin("gpio_pin", 3, "the shutdown button (gpio-shutdown)");
                case "gpio-poweroff" -> pin("gpiopin", 26, "the power-off signal (gpio-poweroff)");
                default -> {
                    // An overlay that takes no pin we know of.
                }
            }
            overlay = null;
        }

        private void pin(String param, int fallback, String use) {
            String value = overlayParams.get(param);
            int bcm = fallback;
            if (value != null) {
                // A pin we cannot read as a number claims nothing we could name.
                bcm = value.matches("\\d{1,2}") ? Integer.parseInt(value) : -1;
            }
            if (bcm >= 0) {
                claim(bcm, use, overlayLine, overlaySource);
            }
        }

        private void claim(int bcm, String use, int line, String source) {
            claims.add(new Claim(bcm, use, line, source));
        }

        private static boolean on(String value) {
            return value != null && (value.equalsIgnoreCase("on") || value.equals("1")
                    || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
        }

        /** {@code a=1,b,c=x} from index {@code from}; a bare name means {@code on}. */
        private static Map<String, String> params(String[] parts, int from) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = from; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    params.put(p.toLowerCase(Locale.ROOT), "on");
                } else {
                    params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
                }
            }
            return params;
        }
    }
}
