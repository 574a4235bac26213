package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.sensors.snmp.SnmpProfiles;
import org.vigie.sensors.snmp.SnmpSensorType;
import org.vigie.sensors.snmp.TrapConfig;
import org.vigie.sensors.snmp.TrapReceiver;

/**
 * The agent-wide SNMP trap receiver: a trap from a known sensor's host polls that sensor at once,
 * so the alarm follows the trap within milliseconds; every accepted trap is an {@code info} event.
 * A receiver that cannot start (port taken, no privilege) is logged and the agent runs on its polls.
 */
final class TrapWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrapWiring.class);

    private record Target(SensorPoller poller, Predicate<InetAddress> host) {
    }

    private final List<Target> targets = new ArrayList<>();
    private TrapReceiver receiver;

    static TrapWiring start(TrapConfig config, List<SensorPoller> pollers, Agent agent) {
        TrapWiring w = new TrapWiring();
        List<String> hosts = new ArrayList<>();
        for (SensorPoller p : pollers) {
            if (p.spec() instanceof SnmpSensorType.Spec s) {
                w.targets.add(new Target(p, TrapReceiver.hosts(List.of(s.host()))));
                hosts.add(s.host());
            }
        }
        w.receiver = new TrapReceiver(config, TrapReceiver.hosts(hosts), (source, oid, varbinds) -> {
            List<String> polled = w.pollFrom(source);
            agent.submit(() -> agent.event(event(source, oid, varbinds, polled)));
        });
        try {
            w.receiver.start();
            log.info("SNMP trap receiver listening on {}", w.receiver.localAddress());
        } catch (IOException e) {
            log.error("SNMP trap receiver on {} not started: {}; sensors are still polled", config.listen(),
                    Errors.describe(e));
        }
        return w;
    }

    /** Polls every snmp sensor whose host sent the trap; returns their ids. */
    private List<String> pollFrom(InetAddress source) {
        List<String> polled = new ArrayList<>();
        for (Target t : targets) {
            if (t.host().test(source)) {
                t.poller().dispatch();
                polled.add(t.poller().spec().id());
            }
        }
        return polled;
    }

    private static ObjectNode event(InetAddress source, String oid, Map<String, String> varbinds, List<String> polled) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "trap");
        e.put("severity", "info");
        e.put("source", source.getHostAddress());
        e.put("trap", oid);
        SnmpProfiles.trapName(oid).ifPresent(name -> e.put("name", name));
        polled.forEach(e.putArray("sensors")::add);
        ObjectNode vb = e.putObject("varbinds");
        varbinds.forEach(vb::put);
        return e;
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
