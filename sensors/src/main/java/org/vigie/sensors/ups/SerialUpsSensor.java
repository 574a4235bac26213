package org.vigie.sensors.ups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.serial.FailureTracker;
import org.vigie.sensors.serial.PortLostException;
import org.vigie.sensors.serial.Problems;
import org.vigie.sensors.serial.SerialIo;
import org.vigie.sensors.serial.SerialLink;

/**
 * Polls {@code Q1} and publishes the status line. No answer or a line that does not parse is a
 * failure: counted, and every channel {@code fault} after {@code failures_before_fault} in a row
 * (at once when the port is lost); until then nothing is reported, never a guessed value.
 */
final class SerialUpsSensor implements Sensor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialUpsSensor.class);

    private final SerialUpsSensorType.Spec spec;
    private final SerialLink link;
    private final Clock clock;
    private final String context;
    private final FailureTracker failures;

    SerialUpsSensor(SerialUpsSensorType.Spec spec, SerialLink link, Clock clock) {
        this.spec = spec;
        this.link = link;
        this.clock = clock;
        this.context = spec.id() + " " + link.path();
        this.failures = new FailureTracker(context, spec.failuresBeforeFault(), LOG);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public void start(Consumer<Reading> sink) {
        link.onLost(Problems.faultOnLoss(spec, context, link.path(), clock, sink));
    }

    @Override
    public List<Reading> read(Instant now) {
        Q1Status status;
        try {
            status = Megatec.parse(link.exchange(this::poll));
        } catch (PortLostException e) {
            String problem = Problems.withoutPath(e, link.path());
            failures.failed(problem, true);
            return faults(now, context + ": " + problem);
        } catch (IOException | Megatec.BadFrameException e) {
            String problem = "Q1: " + e.getMessage();
            return failures.failed(problem, false) ? faults(now, context + ": " + problem) : List.of();
        }
        failures.succeeded();
        List<Reading> out = new ArrayList<>();
        out.add(Reading.flag(ch("on_battery"), status.onBattery(), now));
        out.add(Reading.flag(ch("battery_low"), status.batteryLow(), now));
        out.add(Reading.flag(ch("ups_fault"), status.upsFault(), now));
        out.add(Reading.number(ch("input_voltage"), status.inputVoltage(), now));
        out.add(Reading.number(ch("input_frequency"), status.frequency(), now));
        out.add(Reading.number(ch("output_voltage"), status.outputVoltage(), now));
        out.add(Reading.number(ch("load_pct"), status.loadPct(), now));
        out.add(Reading.number(ch("battery_voltage"), status.batteryVoltage(), now));
        out.add(Double.isNaN(status.temperature())
                ? Reading.fault(ch("temperature"), now, context + ": the UPS reports no temperature (--.-)")
                : Reading.number(ch("temperature"), status.temperature(), now));
        return out;
    }

    /** Sends Q1 and reads up to the carriage return. */
    private String poll(SerialIo io) throws IOException {
        io.discardInput();
        io.write(Megatec.Q1);
        long deadline = System.nanoTime() + spec.timeout().toNanos() + io.line().nanosFor(Megatec.MAX_LINE);
        byte[] buf = new byte[Megatec.MAX_LINE + 1];
        int have = 0;
        while (have < buf.length) {
            int n = io.read(buf, have, 1, deadline);
            if (n == 0) {
                throw new IOException(have == 0 ? "no answer within " + spec.timeout().toMillis() + " ms"
                        : "no carriage return after " + Megatec.printable(ascii(buf, have)));
            }
            if (buf[have] == '\r') {
                return ascii(buf, have);
            }
            have += n;
        }
        throw new IOException("answer longer than " + Megatec.MAX_LINE + " characters: "
                + Megatec.printable(ascii(buf, have)));
    }

    private static String ascii(byte[] buf, int len) {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    private String ch(String name) {
        return ChannelSpec.address(spec.id(), name);
    }

    private List<Reading> faults(Instant now, String problem) {
        return spec.channels().stream().map(c -> Reading.fault(c.address(), now, problem)).toList();
    }

    long failureCount() {
        return failures.total();
    }

    @Override
    public void close() {
        link.close();
    }
}
