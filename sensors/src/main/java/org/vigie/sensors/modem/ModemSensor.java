package org.vigie.sensors.modem;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
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

/**
 * Asks the modem for its signal ({@code AT+CSQ}) and registration ({@code AT+CREG?}). A modem
 * that does not answer turns both channels {@code fault} (at once when the port vanished), so the
 * path of the SMS alarms is itself watched.
 */
final class ModemSensor implements Sensor {
    private static final Logger LOG = LoggerFactory.getLogger(ModemSensor.class);

    private final ModemSensorType.Spec spec;
    private final Modem modem;
    private final Clock clock;
    private final String context;
    private final FailureTracker failures;

    ModemSensor(ModemSensorType.Spec spec, Modem modem, Clock clock) {
        this.spec = spec;
        this.modem = modem;
        this.clock = clock;
        this.context = spec.id() + " " + modem.path();
        this.failures = new FailureTracker(context, spec.failuresBeforeFault(), LOG);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public void start(Consumer<Reading> sink) {
        // the Modem listens too (to prepare again); this one reports the loss at once
        modem.onLost(Problems.faultOnLoss(spec, context, modem.path(), clock, sink));
    }

    @Override
    public List<Reading> read(Instant now) {
        Modem.Status status;
        try {
            status = modem.status();
        } catch (PortLostException e) {
            String problem = Problems.withoutPath(e, modem.path());
            failures.failed(problem, true);
            return faults(now, context + ": " + problem);
        } catch (IOException e) {
            return failures.failed(e.getMessage(), false) ? faults(now, context + ": " + e.getMessage()) : List.of();
        }
        failures.succeeded();
        Reading signal = status.signalDbm() == null
                ? Reading.fault(ch("signal_dbm"), now, context + ": the modem measures no signal (+CSQ: 99)")
                : Reading.number(ch("signal_dbm"), status.signalDbm(), now);
        return List.of(signal, Reading.flag(ch("registered"), status.registered(), now));
    }

    private String ch(String name) {
        return ChannelSpec.address(spec.id(), name);
    }

    private List<Reading> faults(Instant now, String problem) {
        return spec.channels().stream().map(c -> Reading.fault(c.address(), now, problem)).toList();
    }

    @Override
    public void close() {
        modem.close();
    }
}
