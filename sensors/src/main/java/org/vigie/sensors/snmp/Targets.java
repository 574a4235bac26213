package org.vigie.sensors.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.snmp4j.CommunityTarget;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.vigie.sensors.SecretFile;

/** Builds the SNMP4J target of a sensor: address, version, credentials read from their files. */
final class Targets {

    /** RFC 3414 needs passphrases of at least 8 characters; net-snmp refuses shorter ones. */
    private static final int MIN_PASSPHRASE = 8;

    private Targets() {
    }

    static UdpAddress address(SnmpSensorType.Spec spec) throws IOException {
        try {
            return new UdpAddress(InetAddress.getByName(spec.host()), spec.port());
        } catch (UnknownHostException e) {
            throw new IOException("unknown host " + spec.host(), e);
        }
    }

    /** A v1 or v2c target, with the community read from its file now. */
    static Target<UdpAddress> community(SnmpSensorType.Spec spec, UdpAddress address) throws IOException {
        String community = SecretFile.read("community_file", spec.communityFile());
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(address, new OctetString(community));
        target.setVersion(spec.version().equals("1") ? SnmpConstants.version1 : SnmpConstants.version2c);
        timing(spec, target);
        return target;
    }

    /** The v3 user with passphrases read from their files now, to be localized per engine. */
    static UsmUser user(SnmpSensorType.V3 v3) throws IOException {
        OctetString auth = passphrase("auth_password_file", v3.authPasswordFile());
        OID authProtocol = v3.authProtocol().equals("sha256") ? AuthHMAC192SHA256.ID : AuthSHA.ID;
        if (!v3.privacy()) {
            return new UsmUser(new OctetString(v3.user()), authProtocol, auth, null, null);
        }
        OctetString priv = passphrase("priv_password_file", v3.privPasswordFile());
        return new UsmUser(new OctetString(v3.user()), authProtocol, auth, PrivAES128.ID, priv);
    }

    /** A v3 target for the agent whose engine ID is {@code engineId}. */
    static Target<UdpAddress> user(SnmpSensorType.Spec spec, UdpAddress address, byte[] engineId) {
        int level = spec.v3().privacy() ? SecurityLevel.AUTH_PRIV : SecurityLevel.AUTH_NOPRIV;
        UserTarget<UdpAddress> target = new UserTarget<>(address, new OctetString(spec.v3().user()), engineId, level);
        target.setVersion(SnmpConstants.version3);
        timing(spec, target);
        return target;
    }

    private static void timing(SnmpSensorType.Spec spec, Target<UdpAddress> target) {
        target.setTimeout(spec.timeout().toMillis());
        target.setRetries(spec.retries());
    }

    private static OctetString passphrase(String key, java.nio.file.Path file) throws IOException {
        String secret = SecretFile.read(key, file);
        if (secret.length() < MIN_PASSPHRASE) {
            throw new IOException(key + " " + file + ": shorter than " + MIN_PASSPHRASE
                    + " characters, which SNMPv3 (RFC 3414) does not allow");
        }
        return new OctetString(secret);
    }
}
