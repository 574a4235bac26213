package org.vigie.sensors.snmp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.FaultLog;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;

/**
 * Polls one SNMP agent: one GET for every channel per read, sent through the shared
 * {@link SnmpEngine}, waiting at most timeout × (retries + 1) for its own answer.
 */
final class SnmpSensor implements Sensor {

    /** Slack over the SNMP4J retry schedule before this read gives up on its own. */
    static final long MARGIN_MILLIS = 200;

    private final SnmpSensorType.Spec spec;
    private final SnmpEngine engine;
    private static final Logger LOG = LoggerFactory.getLogger(SnmpSensor.class);

    private final FaultLog log;
    /** Built on first use and after any failure, so fixed secret files and DNS changes are picked up. */
    private Target<UdpAddress> target;
    private volatile boolean closed;
    /** The profile, or {@code null} for explicit {@code oids}. */
    private final SnmpProfile profile;
    private volatile Map<String, String> info = Map.of();
    /** Identity GETs left to try (one per successful poll until one is answered). */
    private int identityTries = 3;

    SnmpSensor(SnmpSensorType.Spec spec, SnmpEngine engine) {
        this.spec = spec;
        this.engine = engine;
        this.log = new FaultLog(LOG, spec.id() + " " + spec.target());
        this.profile = spec.profile() == null ? null : SnmpProfiles.byName(spec.profile()).orElse(null);
        if (profile == null || profile.identity().isEmpty()) {
            identityTries = 0;
        }
    }

    @Override
    public Map<String, String> info() {
        return info;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public List<Reading> read(Instant now) throws IOException {
        if (closed) {
            throw new IOException(spec.target() + ": sensor closed");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.maxWait().toMillis() + MARGIN_MILLIS);
        Map<String, Reading> readings = new LinkedHashMap<>();
        List<OidChannel> asked = new ArrayList<>(spec.oids());
        String problem;
        try {
            Target<UdpAddress> t = target();
            problem = poll(t, asked, readings, deadline, now);
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            target = null;
            readings.clear();
            for (OidChannel c : spec.oids()) {
                readings.put(c.name(), Reading.fault(ChannelSpec.address(spec.id(), c.name()), now,
                        spec.target() + ": " + problem));
            }
            log.report(problem);
        } else {
            if (profile != null) {
                profile.adjust().apply(spec.id(), readings);
            }
            log.report(FaultLog.summary(readings.values()));
            if (identityTries > 0) {
                identityTries--;
                identify(target, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.timeout().toMillis()));
            }
        }
        List<Reading> out = new ArrayList<>();
        for (OidChannel c : spec.oids()) {
            out.add(readings.get(c.name()));
        }
        return out;
    }

    /**
     * Asks for every channel in {@code asked}, filling {@code readings}. On a v1 noSuchName the
     * named OID is a fault and the others are asked again. Returns a problem that spoils the whole
     * answer (timeout, security report, error status), or {@code null}.
     */
    private String poll(Target<UdpAddress> t, List<OidChannel> asked, Map<String, Reading> readings,
                        long deadline, Instant now) {
        while (!asked.isEmpty()) {
            PDU request = spec.v3() != null ? new ScopedPDU() : new PDU();
            request.setType(PDU.GET);
            for (OidChannel c : asked) {
                request.add(new VariableBinding(new OID(c.oid())));
            }
            engine.takeReport(t.getAddress());
            SnmpEngine.Pending pending = engine.send(request, t);
            ResponseEvent<?> event;
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                event = pending.answer().get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                pending.cancel().run();
                engine.takeReport(t.getAddress());
                return timeout();
            } catch (InterruptedException e) {
                pending.cancel().run();
                Thread.currentThread().interrupt();
                return "get interrupted";
            } catch (ExecutionException e) {
                return "get: " + describe(e.getCause());
            }
            if (event.getError() != null) {
                return "get: " + describe(event.getError());
            }
            PDU response = event.getResponse();
            PDU report = engine.takeReport(t.getAddress());
            if (response == null && report != null) {
                return Answers.report(report) + " (the agent's report; the request then timed out)";
            }
            if (response == null) {
                return timeout();
            }
            if (response.getType() == PDU.REPORT) {
                return Answers.report(response);
            }
            int index = response.getErrorIndex();
            if (response.getErrorStatus() == PDU.noSuchName && index > 0 && index <= asked.size()) {
                OidChannel missing = asked.remove(index - 1);
                readings.put(missing.name(), Reading.fault(ChannelSpec.address(spec.id(), missing.name()), now,
                        "get " + missing.oid() + ": noSuchName (the agent does not have this OID)"));
                continue;
            }
            if (response.getErrorStatus() != PDU.noError) {
                return "get: " + Answers.errorStatus(response);
            }
            decode(asked, response, readings, now);
            return null;
        }
        return null;
    }

    /** One GET of the profile's identity OIDs; an answer of any kind ends the tries. */
    private void identify(Target<UdpAddress> t, long deadline) {
        if (t == null) {
            return;
        }
        PDU request = Identity.request(profile, spec.v3() != null ? new ScopedPDU() : new PDU());
        SnmpEngine.Pending pending = engine.send(request, t);
        try {
            ResponseEvent<?> event = pending.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            PDU response = event.getResponse();
            if (response != null && response.getType() == PDU.RESPONSE) {
                info = Map.copyOf(Identity.decode(profile, response.getErrorStatus() == PDU.noError ? response : null));
                identityTries = 0;
            }
        } catch (TimeoutException e) {
            pending.cancel().run();
        } catch (InterruptedException e) {
            pending.cancel().run();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("{}: identity: {}", spec.id(), describe(e.getCause()));
        }
    }

    private void decode(List<OidChannel> asked, PDU response, Map<String, Reading> readings, Instant now) {
        Map<String, VariableBinding> byOid = new LinkedHashMap<>();
        for (VariableBinding vb : response.getVariableBindings()) {
            byOid.put(vb.getOid().toDottedString(), vb);
        }
        for (OidChannel c : asked) {
            VariableBinding vb = byOid.get(c.oid());
            String address = ChannelSpec.address(spec.id(), c.name());
            readings.put(c.name(), vb == null
                    ? Reading.fault(address, now, "get " + c.oid() + ": not in the answer")
                    : Answers.reading(spec.id(), c, vb, now));
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private String timeout() {
        String why = spec.v3() != null
                ? "agent down, wrong address or port, or wrong user or keys"
                : "agent down, wrong address or port, or community not accepted";
        return "timeout after " + spec.retries() + " retries of " + spec.timeout().toMillis() + "ms (no answer: "
                + why + ")";
    }

    private Target<UdpAddress> target() throws IOException {
        if (target != null) {
            return target;
        }
        UdpAddress address = Targets.address(spec);
        if (spec.v3() == null) {
            target = Targets.community(spec, address);
            return target;
        }
        var user = Targets.user(spec.v3());
        byte[] engineId = engine.discoverEngineId(address, spec.timeout().toMillis());
        if (engineId == null || engineId.length == 0) {
            throw new IOException("engine ID discovery: timeout after " + spec.timeout().toMillis()
                    + "ms (no answer: agent down, wrong address or port)");
        }
        engine.addUser(new OctetString(engineId), user);
        target = Targets.user(spec, address, engineId);
        return target;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.release();
        }
    }
}
