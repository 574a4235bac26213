package org.vigie.sensors.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.event.AuthenticationFailureEvent;
import org.snmp4j.event.AuthenticationFailureListener;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.vigie.sensors.SecretFile;

/**
 * The agent-wide SNMP trap receiver ({@code snmp_traps:}): accepts v1/v2c traps and informs that
 * carry the configured community, and SNMPv3 ones from the configured users (authenticated at
 * least), from a known host; hands each to the callback. Others are counted and logged (one line
 * per source and reason per minute) and change nothing.
 *
 * <p>The callback runs on the receiver's thread: keep it short (hand the work to an executor).
 */
public final class TrapReceiver implements AutoCloseable {

    /** An accepted trap. */
    @FunctionalInterface
    public interface Callback {
        /**
         * @param source   the UDP source of the trap
         * @param trapOid  the notification's OID, like {@code 1.3.6.1.2.1.33.2.1} (upsTrapOnBattery);
         *                 for a v1 trap the RFC 3584 translation
         * @param varbinds OID to value as text, in order, without sysUpTime.0 and snmpTrapOID.0
         */
        void onTrap(InetAddress source, String trapOid, Map<String, String> varbinds);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrapReceiver.class);
    private static final OID SNMP_TRAPS = new OID("1.3.6.1.6.3.1.1.5");

    private final TrapConfig config;
    private final Predicate<InetAddress> knownHost;
    private final Callback callback;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final RateLimitedLog rejections = new RateLimitedLog(LOG, 60_000);
    private byte[] community;
    private Snmp snmp;
    private DefaultUdpTransportMapping transport;

    /**
     * @param knownHost whether a trap from this address may be acted on (the hosts of the snmp
     *                  sensors: see {@link #hosts(Collection)})
     */
    public TrapReceiver(TrapConfig config, Predicate<InetAddress> knownHost, Callback callback) {
        this.config = Objects.requireNonNull(config, "config");
        this.knownHost = Objects.requireNonNull(knownHost, "knownHost");
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /**
     * A host matcher for the given host names or addresses, resolved now (unresolvable ones are
     * logged and skipped).
     */
    public static Predicate<InetAddress> hosts(Collection<String> hosts) {
        Set<InetAddress> addresses = new HashSet<>();
        for (String host : hosts) {
            try {
                addresses.addAll(Set.of(InetAddress.getAllByName(host)));
            } catch (java.net.UnknownHostException e) {
                LOG.warn("snmp_traps: host {}: cannot resolve, its traps will be refused: {}", host, e.getMessage());
            }
        }
        return addresses::contains;
    }

    /** Reads the secrets and binds the socket. */
    public synchronized void start() throws IOException {
        if (snmp != null) {
            throw new IllegalStateException("snmp_traps: already started");
        }
        if (config.communityFile() == null && config.users().isEmpty()) {
            throw new IOException("snmp_traps: neither community_file nor users: no trap could be accepted");
        }
        if (config.communityFile() != null) {
            community = SecretFile.read("snmp_traps.community_file", config.communityFile())
                    .getBytes(StandardCharsets.UTF_8);
        }
        String where = "snmp_traps listen " + config.listen().getHostString() + ":" + config.listen().getPort();
        MessageDispatcherImpl dispatcher = TrapSession.dispatcher(config.users());
        try {
            transport = new DefaultUdpTransportMapping(TrapSession.address(config.listen()), true);
        } catch (IOException e) {
            throw new IOException(where + ": " + e.getMessage()
                    + (config.listen().getPort() < 1024 ? " (ports below 1024 need CAP_NET_BIND_SERVICE)" : ""), e);
        }
        transport.setThreadName("vigie-snmp-traps");
        dispatcher.addAuthenticationFailureListener(new AuthenticationFailureListener() {
            @Override
            public <A extends Address> void authenticationFailure(AuthenticationFailureEvent<A> event) {
                refuse(event.getAddress() instanceof IpAddress ip ? ip.getInetAddress() : null,
                        "SNMPv3 authentication failed (" + TrapSession.failure(event.getError()) + ")");
            }
        });
        Snmp session = new Snmp(dispatcher, transport);
        session.addCommandResponder(this::process);
        try {
            session.listen();
        } catch (IOException e) {
            session.close();
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        snmp = session;
        LOG.info("snmp_traps: receiving SNMP traps on {}:{} (v1/v2c {}, v3 users {})",
                localAddress().getAddress().getHostAddress(), localAddress().getPort(),
                community != null ? "with community_file" : "refused", config.users().size());
    }

    /** The bound address (with the real port when 0 was asked). */
    public InetSocketAddress localAddress() {
        UdpAddress bound = transport.getListenAddress();
        return new InetSocketAddress(bound.getInetAddress(), bound.getPort());
    }

    /** Traps handed to the callback. */
    public long accepted() {
        return accepted.get();
    }

    /** Traps refused: wrong community, unknown host, failed SNMPv3 authentication. */
    public long rejected() {
        return rejected.get();
    }

    private <A extends Address> void process(CommandResponderEvent<A> event) {
        PDU pdu = event.getPDU();
        if (pdu == null) {
            return;
        }
        event.setProcessed(true);
        InetAddress source = event.getPeerAddress() instanceof IpAddress ip ? ip.getInetAddress() : null;
        int type = pdu.getType();
        if (type != PDU.TRAP && type != PDU.V1TRAP && type != PDU.INFORM) {
            refuse(source, "not a notification (" + PDU.getTypeString(type) + ")");
            return;
        }
        String reason = check(event, source);
        if (reason != null) {
            refuse(source, reason);
            return;
        }
        if (type == PDU.INFORM) {
            acknowledge(event, pdu);
        }
        accepted.incrementAndGet();
        Map<String, String> varbinds = new LinkedHashMap<>();
        String trapOid = pdu instanceof PDUv1 v1 ? v1TrapOid(v1) : null;
        for (VariableBinding vb : pdu.getVariableBindings()) {
            if (vb.getOid().equals(SnmpConstants.snmpTrapOID)) {
                trapOid = vb.getVariable().toString();
            } else if (!vb.getOid().equals(SnmpConstants.sysUpTime)) {
                varbinds.put(vb.getOid().toDottedString(), vb.getVariable().toString());
            }
        }
        try {
            callback.onTrap(source, trapOid == null ? "" : trapOid, varbinds);
        } catch (RuntimeException e) {
            LOG.error("snmp_traps: trap {} from {}: the callback failed", trapOid, source, e);
        }
    }

    private String check(CommandResponderEvent<?> event, InetAddress source) {
        if (event.getMessageProcessingModel() == MPv3.ID) {
            if (event.getSecurityLevel() < SecurityLevel.AUTH_NOPRIV) {
                return "SNMPv3 trap without authentication from user "
                        + new String(event.getSecurityName(), StandardCharsets.UTF_8);
            }
        } else if (community == null) {
            return "v1/v2c trap, but no community_file is configured";
        } else if (!MessageDigest.isEqual(community, event.getSecurityName())) {
            return "wrong community";
        }
        if (source == null || !knownHost.test(source)) {
            return "unknown host (no snmp sensor polls it)";
        }
        return null;
    }

    private void refuse(InetAddress source, String reason) {
        long n = rejected.incrementAndGet();
        String from = source == null ? "?" : source.getHostAddress();
        rejections.log(from + "|" + reason, "snmp_traps: refused a trap from " + from + ": " + reason
                + " (" + n + " refused since start)");
    }

    private void acknowledge(CommandResponderEvent<?> event, PDU inform) {
        PDU response = (PDU) inform.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (org.snmp4j.MessageException e) {
            LOG.warn("snmp_traps: answering an inform from {}: {}", event.getPeerAddress(), e.getMessage());
        }
    }

    /** RFC 3584 §3.1: generic traps 0–5 are snmpTraps.1–6, enterprise ones enterprise.0.specific. */
    static String v1TrapOid(PDUv1 pdu) {
        int generic = pdu.getGenericTrap();
        if (generic >= 0 && generic < PDUv1.ENTERPRISE_SPECIFIC) {
            return new OID(SNMP_TRAPS).append(generic + 1).toDottedString();
        }
        return new OID(pdu.getEnterprise()).append(0).append(pdu.getSpecificTrap()).toDottedString();
    }

    @Override
    public synchronized void close() {
        if (snmp == null) {
            return;
        }
        try {
            snmp.close();
        } catch (IOException e) {
            LOG.warn("snmp_traps: closing: {}", e.getMessage());
        }
        snmp = null;
    }
}
