package org.vigie.sensors.nut;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.FaultLog;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.ValueType;

/** Reads one UPS from a NUT {@code upsd}: one {@code LIST VAR} per poll, on a kept connection. */
final class NutSensor implements Sensor {

    private static final Logger LOG = LoggerFactory.getLogger(NutSensor.class);

    private final NutSensorType.Spec spec;
    private final NutClient client;
    private final FaultLog log;
    private volatile Map<String, String> info = Map.of();

    NutSensor(NutSensorType.Spec spec, NutClient client) {
        this.spec = spec;
        this.client = client;
        this.log = new FaultLog(LOG, spec.id() + " " + spec.target());
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public List<Reading> read(Instant now) {
        Map<String, String> vars;
        try {
            vars = client.variables();
        } catch (NutClient.NutError e) {
            return all(now, explain(e));
        } catch (IOException e) {
            return all(now, e.getMessage());
        }
        if ("WAIT".equals(vars.getOrDefault("ups.status", "").strip())) {
            return all(now, "ups.status WAIT: upsd is waiting for the UPS's driver to report");
        }
        List<Reading> readings = readings(vars, now);
        log.report(FaultLog.summary(readings));
        return readings;
    }

    /** The channels from the variables of one {@code LIST VAR}. */
    List<Reading> readings(Map<String, String> vars, Instant now) {
        String status = vars.get("ups.status");
        if (status != null && status.startsWith(NutClient.GARBLED)) {
            status = "";
        }
        Set<String> flags = status == null || status.isBlank()
                ? Set.of() : new HashSet<>(Arrays.asList(status.strip().split("\\s+")));
        info = NutInfo.of(vars);
        List<Reading> out = new ArrayList<>();
        for (NutChannels.Channel c : spec.all()) {
            String address = ChannelSpec.address(spec.id(), c.name());
            String value = vars.get(c.variable());
            if (value == null) {
                out.add(Reading.fault(address, now, c.variable() + ": not reported by this UPS"));
            } else if (value.startsWith(NutClient.GARBLED)) {
                String raw = value.substring(1);
                out.add(Reading.fault(address, now, c.variable() + ": garbled answer from upsd: "
                        + (raw.length() > 32 ? raw.substring(0, 32) + "…" : raw)));
            } else if (c.type() == ValueType.BOOLEAN && flags.isEmpty()) {
                out.add(Reading.fault(address, now, "ups.status: empty"));
            } else if (c.type() == ValueType.BOOLEAN) {
                out.add(Reading.flag(address, flags.contains(c.statusFlag()), now));
            } else {
                out.add(number(address, c, value, now));
            }
        }
        return out;
    }

    /**
     * A number as upsd sends it: text. Anything but a plain finite decimal is a fault, and so is a
     * value outside what the quantity can be ({@code -1} for a charge or a runtime is a driver's
     * "unknown", never a value).
     */
    private static Reading number(String address, NutChannels.Channel c, String value, Instant now) {
        String text = value.strip();
        String where = c.variable() + ": ";
        if (text.length() > 32 || !text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            String shown = text.length() > 32 ? text.substring(0, 32) + "…" : text;
            return Reading.fault(address, now, where + "not a number: \"" + shown + "\"");
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            return Reading.fault(address, now, where + "not a finite number: " + text);
        }
        boolean below = !Double.isNaN(c.min()) && v < c.min();
        boolean above = !Double.isNaN(c.max()) && v > c.max();
        if ((below || above) && v == -1) {
            return Reading.fault(address, now, where + "not reported by the device (-1)");
        }
        if (below || above) {
            return Reading.fault(address, now, where + "out of range " + bound(c.min()) + ".." + bound(c.max())
                    + ": " + text);
        }
        return Reading.number(address, v, now);
    }

    private static String bound(double b) {
        return Double.isNaN(b) ? "" : b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
    }

    @Override
    public Map<String, String> info() {
        return info;
    }

    private String explain(NutClient.NutError e) {
        return switch (e.code) {
            case "UNKNOWN-UPS" -> "ERR UNKNOWN-UPS: upsd has no UPS named " + spec.ups()
                    + " (upsc -l " + spec.host() + " lists them)";
            case "ACCESS-DENIED" -> "ERR ACCESS-DENIED: check username and password_file";
            case "FEATURE-NOT-CONFIGURED" -> "ERR FEATURE-NOT-CONFIGURED: upsd has no certificate for STARTTLS"
                    + " (CERTFILE or CERTPATH in upsd.conf), and starttls: true forbids plain text";
            case "ALREADY-SSL-MODE" -> "ERR ALREADY-SSL-MODE: STARTTLS sent twice";
            case "DATA-STALE" -> "ERR DATA-STALE: the NUT driver has lost contact with the UPS";
            case "DRIVER-NOT-CONNECTED" -> "ERR DRIVER-NOT-CONNECTED: upsd has no running driver for " + spec.ups();
            default -> e.getMessage();
        };
    }

    private List<Reading> all(Instant now, String problem) {
        String where = spec.target() + ": " + problem;
        log.report(problem);
        List<Reading> out = new ArrayList<>();
        for (NutChannels.Channel c : spec.all()) {
            out.add(Reading.fault(ChannelSpec.address(spec.id(), c.name()), now, where));
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
