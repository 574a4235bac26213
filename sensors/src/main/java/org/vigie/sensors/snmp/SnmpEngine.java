package org.vigie.sensors.snmp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One SNMP session (one UDP socket, one listening thread, one retry timer) shared by every
 * {@code snmp} sensor of the agent, so that many targets are polled concurrently: requests are
 * asynchronous, and a dead target only holds its own pending request.
 *
 * <p>Lifecycle: created by the first sensor that opens, closed when the last one closes
 * (reference counted); the agent has nothing to wire. Package-private: sensors only.
 */
final class SnmpEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SnmpEngine.class);

    private static SnmpEngine shared;
    private static int users;

    private final Snmp snmp;
    private final USM usm;
    /**
     * The last security report each agent sent (by address): net-snmp answers a wrong
     * authentication key with an unauthenticated usmStatsWrongDigests report that SNMP4J cannot
     * match to the request, so the request times out; the report still explains why.
     */
    private final Map<Address, PDU> reports = new ConcurrentHashMap<>();

    private SnmpEngine(Snmp snmp, USM usm) {
        this.snmp = snmp;
        this.usm = usm;
        Snmp.ReportHandler matching = snmp.getReportHandler();
        snmp.setReportHandler(new Snmp.ReportHandler() {
            @Override
            public <A extends Address> void processReport(PduHandle handle, CommandResponderEvent<A> event) {
                if (event.getPDU() != null && explains(event.getPDU())) {
                    reports.put(event.getPeerAddress(), event.getPDU());
                }
                matching.processReport(handle, event);
            }
        });
    }

    /** Engine ID discovery and time synchronisation use reports by design: those explain no failure. */
    private static boolean explains(PDU report) {
        if (report.size() == 0) {
            return false;
        }
        OID oid = report.get(0).getOid();
        return !oid.startsWith(SnmpConstants.usmStatsUnknownEngineIDs)
                && !oid.startsWith(SnmpConstants.usmStatsNotInTimeWindows);
    }

    /** The last report {@code address} sent since the previous call, or {@code null}. */
    PDU takeReport(Address address) {
        return reports.remove(address);
    }

    /** The shared engine, created on first use; each call must be matched by one {@link #release()}. */
    static synchronized SnmpEngine acquire() throws IOException {
        if (shared == null) {
            shared = create();
        }
        users++;
        return shared;
    }

    /** Gives back one use; the last one closes the socket and stops the threads. */
    void release() {
        synchronized (SnmpEngine.class) {
            if (shared != this || users == 0) {
                return;
            }
            users--;
            if (users > 0) {
                return;
            }
            shared = null;
        }
        try {
            snmp.close();
        } catch (IOException e) {
            LOG.warn("snmp: closing the shared session: {}", e.getMessage());
        }
    }

    /** Whether a shared engine is open now (for tests). */
    static synchronized boolean isOpen() {
        return shared != null;
    }

    private static SnmpEngine create() throws IOException {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addPrivacyProtocol(new PrivAES128());
        USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols, models,
                CounterSupport.getInstance()));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("0.0.0.0/0"));
        transport.setThreadName("vigie-snmp");
        Snmp snmp = new Snmp(dispatcher, transport);
        try {
            snmp.listen();
        } catch (IOException e) {
            snmp.close();
            throw new IOException("snmp: opening a UDP socket: " + e.getMessage(), e);
        }
        return new SnmpEngine(snmp, usm);
    }

    /** A request on its way: its answer, and how to stop waiting for it. */
    record Pending(CompletableFuture<ResponseEvent<?>> answer, Runnable cancel) {
    }

    /**
     * Sends {@code pdu} to {@code target}; the answer completes with the response event, whose
     * response is {@code null} after the target's timeout and retries. The request is cancelled
     * in the session once answered, as SNMP4J otherwise keeps it.
     */
    Pending send(PDU pdu, Target<?> target) {
        CompletableFuture<ResponseEvent<?>> answer = new CompletableFuture<>();
        ResponseListener listener = new ResponseListener() {
            @Override
            public <A extends Address> void onResponse(ResponseEvent<A> event) {
                snmp.cancel(event.getRequest(), this);
                answer.complete(event);
            }
        };
        try {
            snmp.send(pdu, target, null, listener);
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return new Pending(answer, () -> snmp.cancel(pdu, listener));
    }

    /** Asks {@code address} for its engine ID; {@code null} when it does not answer in time. Blocks. */
    byte[] discoverEngineId(Address address, long timeoutMillis) {
        return snmp.discoverAuthoritativeEngineID(address, timeoutMillis);
    }

    /** Adds a v3 user whose keys are localized for {@code engineId} (so one name may differ per target). */
    void addUser(OctetString engineId, UsmUser user) {
        usm.removeAllUsers(user.getSecurityName(), engineId);
        usm.addUser(user.getSecurityName(), engineId, user);
    }
}
