package org.vigie.sensors.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.vigie.sensors.SecretFile;

/** Builds the trap receiver's own SNMP4J dispatcher: v1, v2c, and v3 with the configured users. */
final class TrapSession {

    private TrapSession() {
    }

    static MessageDispatcherImpl dispatcher(List<TrapConfig.User> users) throws IOException {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addPrivacyProtocol(new PrivAES128());
        byte[] engineId = MPv3.createLocalEngineID();
        USM usm = new USM(protocols, new OctetString(engineId), 0);
        for (TrapConfig.User u : users) {
            usm.addUser(new OctetString(u.user()), user(u));
        }
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols, models, CounterSupport.getInstance()));
        return dispatcher;
    }

    /**
     * A user whose passphrases are localized for each sending engine as its traps arrive (the
     * sender of a trap is the authoritative engine).
     */
    private static UsmUser user(TrapConfig.User u) throws IOException {
        String where = "snmp_traps.users " + u.user() + ": ";
        try {
            OctetString auth = new OctetString(SecretFile.read("auth_password_file", u.authPasswordFile()));
            OctetString priv = u.privPasswordFile() == null ? null
                    : new OctetString(SecretFile.read("priv_password_file", u.privPasswordFile()));
            return new UsmUser(new OctetString(u.user()),
                    u.authProtocol().equals("sha256") ? AuthHMAC192SHA256.ID : AuthSHA.ID, auth,
                    priv == null ? null : PrivAES128.ID, priv, UsmUser.LocalizationGrant.incoming);
        } catch (IOException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    static UdpAddress address(InetSocketAddress listen) throws IOException {
        try {
            return new UdpAddress(InetAddress.getByName(listen.getHostString()), listen.getPort());
        } catch (UnknownHostException e) {
            throw new IOException("snmp_traps listen: unknown host " + listen.getHostString(), e);
        }
    }

    /** A few words for an SNMP4J authentication failure status. */
    static String failure(int status) {
        return switch (status) {
            case SnmpConstants.SNMPv3_USM_AUTHENTICATION_FAILURE, SnmpConstants.SNMPv3_USM_AUTHENTICATION_ERROR ->
                    "wrong authentication key";
            case SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR -> "wrong privacy key";
            case SnmpConstants.SNMPv3_USM_UNKNOWN_SECURITY_NAME -> "unknown user";
            case SnmpConstants.SNMPv3_USM_NOT_IN_TIME_WINDOW -> "not in time window";
            case SnmpConstants.SNMPv3_USM_UNSUPPORTED_SECURITY_LEVEL -> "unsupported security level";
            default -> "status " + status;
        };
    }
}
