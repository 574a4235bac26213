package org.vigie.sensors.modbus;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Scaling;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.serial.FailureTracker;
import org.vigie.sensors.serial.PortLostException;
import org.vigie.sensors.serial.Problems;

/**
 * Reads a Modbus device's register blocks at every poll. A block that fails is counted; its
 * channels turn {@code fault} after {@code failures_before_fault} polls in a row (at once when the
 * port is lost), and until then are simply not reported: never a wrong value as good.
 */
final class ModbusSensor implements Sensor {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusSensor.class);

    private final ModbusSensorType.Spec spec;
    private final RegisterReader master;
    private final Clock clock;
    private final List<Block> blocks;
    private final String context;
    private final FailureTracker failures;

    ModbusSensor(ModbusSensorType.Spec spec, RegisterReader master, Clock clock) {
        this.spec = spec;
        this.master = master;
        this.clock = clock;
        this.blocks = spec.blocks();
        this.context = spec.id() + " " + master.where() + " unit " + spec.unitId();
        this.failures = new FailureTracker(context, spec.failuresBeforeFault(), LOG);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public void start(Consumer<Reading> sink) {
        master.onLost(Problems.faultOnLoss(spec, context, master.where(), clock, sink));
    }

    @Override
    public List<Reading> read(Instant now) {
        List<Reading> out = new ArrayList<>();
        Map<Block, String> failed = new LinkedHashMap<>();
        String lost = null;
        String silent = null;
        for (Block block : blocks) {
            if (lost != null || silent != null) {
                failed.put(block, lost != null ? lost : silent);
                continue;
            }
            try {
                int[] regs = master.read(spec.unitId(), block.function(), block.address(), block.count());
                decode(block, regs, now, out);
            } catch (PortLostException e) {
                lost = Problems.withoutPath(e, master.where());
                failed.put(block, lost);
            } catch (ModbusException e) {
                failed.put(block, e.getMessage());
                if (e.silent()) {
                    // a silent unit would hold the bus for every block: the rest waits for the next poll
                    silent = "not tried: the unit did not answer " + block.describe();
                }
            } catch (IOException e) {
                failed.put(block, e.getMessage());
            }
        }
        if (failed.isEmpty()) {
            failures.succeeded();
            return out;
        }
        String first = failed.values().iterator().next();
        String more = failed.size() > 1 && lost == null && silent == null ? " (and " + (failed.size() - 1) + " more block(s))" : "";
        boolean portLost = lost != null;
        if (failures.failed(first + more, portLost)) {
            failed.forEach((block, problem) -> {
                String text = context + ": " + problem;
                for (Register r : block.registers()) {
                    out.add(Reading.fault(address(r), now, text));
                }
            });
        }
        return out;
    }

    private void decode(Block block, int[] regs, Instant now, List<Reading> out) {
        for (Register r : block.registers()) {
            double raw = r.type().decode(regs, r.address() - block.address(), r.wordOrder());
            out.add(Reading.number(address(r), Scaling.apply(raw, r.scale(), r.offset()), now));
        }
    }

    private String address(Register r) {
        return ChannelSpec.address(spec.id(), r.channel());
    }

    /** Failures since open, for diagnostics and tests. */
    long failureCount() {
        return failures.total();
    }

    @Override
    public void close() {
        master.close();
    }
}
