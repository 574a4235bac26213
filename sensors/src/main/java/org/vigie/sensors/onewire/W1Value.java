package org.vigie.sensors.onewire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.sensors.Reading;

/**
 * One value from a w1_therm device directory: millidegrees Celsius, or why there is none. Reads
 * {@code temperature} (kernels 5.x and later: just the number) and falls back to {@code w1_slave}
 * (two lines: the scratchpad with {@code crc=.. YES|NO}, then the scratchpad with {@code t=N}).
 *
 * @param millis  the temperature in m°C, or {@code null}
 * @param problem why the value is not usable, or {@code null}
 */
record W1Value(Integer millis, String problem) {

    /** What a DS18B20 holds after power-on, before its first conversion. */
    static final int POWER_ON_RESET = 85_000;
    /** What drivers (and some kernels) report for a probe that did not answer. */
    static final int NO_ANSWER = -127_000;
    /** The DS18B20's measuring range, in m°C. */
    static final int MIN = -55_000;
    static final int MAX = 125_000;

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern CRC = Pattern.compile("crc=\\p{XDigit}{2}\\s+(YES|NO)\\s*$");
    private static final Pattern T = Pattern.compile("t=(-?\\d+)\\s*$");

    static W1Value read(Path dir) throws IOException {
        Path temperature = dir.resolve("temperature");
        if (Files.exists(temperature)) {
            return parseTemperature(text(temperature));
        }
        Path slave = dir.resolve("w1_slave");
        if (Files.exists(slave)) {
            return parseW1Slave(text(slave));
        }
        return problem("neither temperature nor w1_slave in " + dir + ": not a w1_therm thermometer?");
    }

    /** The {@code temperature} file: one integer, m°C. */
    static W1Value parseTemperature(String text) {
        String t = text.trim();
        if (!INTEGER.matcher(t).matches()) {
            return problem("temperature: not a number: '" + shorten(t) + "'");
        }
        return checked(Integer.parseInt(t));
    }

    /** The {@code w1_slave} file: CRC line, then the value line. */
    static W1Value parseW1Slave(String text) {
        String[] lines = text.strip().split("\\R");
        if (lines.length < 2) {
            return problem("w1_slave: expected 2 lines (crc, t=), got " + lines.length + ": '" + shorten(text.strip()) + "'");
        }
        Matcher crc = CRC.matcher(lines[0].strip());
        if (!crc.find()) {
            return problem("w1_slave: no crc=.. YES|NO on line 1: '" + shorten(lines[0].strip()) + "'");
        }
        if (crc.group(1).equals("NO")) {
            return problem("CRC check failed (w1_slave says NO): noise or a bad contact on the bus,"
                    + " or a missing 4.7 kOhm pull-up");
        }
        Matcher t = T.matcher(lines[1].strip());
        if (!t.find()) {
            return problem("w1_slave: no t=N on line 2: '" + shorten(lines[1].strip()) + "'");
        }
        return checked(Integer.parseInt(t.group(1)));
    }

    /** Rejects the values a DS18B20 gives when it did not really measure. */
    static W1Value checked(int millis) {
        if (millis == POWER_ON_RESET) {
            return problem("85.000 °C is the DS18B20's power-on value, not a measurement:"
                    + " the probe lost power or was read before converting (check VDD wiring)");
        }
        if (millis == NO_ANSWER) {
            return problem("-127 °C: the probe did not answer (unplugged, or a broken DATA wire)");
        }
        if (millis < MIN || millis > MAX) {
            return problem(String.format(java.util.Locale.ROOT,
                    "%.3f °C is outside the DS18B20's range (-55 to 125 °C): a garbled read", millis / 1000.0));
        }
        return new W1Value(millis, null);
    }

    private static W1Value problem(String problem) {
        return new W1Value(null, problem);
    }

    Reading toReading(String channel, Instant now) {
        return problem != null ? Reading.fault(channel, now, problem) : Reading.number(channel, org.vigie.sensors.Scaling.apply(millis, 0.001), now);
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IOException("reading " + file.getFileName() + ": gone (the device vanished from the bus)", e);
        } catch (AccessDeniedException e) {
            throw new IOException("reading " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("reading " + file.getFileName() + ": " + e.getMessage()
                    + " (the kernel could not talk to the probe)", e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
