package org.vigie.sensors.snmp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snmp4j.PDU;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * A device's identity (model, serial, firmware…) from a profile's identity OIDs, read once.
 * Only printable text is kept, trimmed and cut at {@link #MAX_CHARS}: a card that answers a
 * wrong type or binary junk simply leaves that key out.
 */
final class Identity {

    static final int MAX_CHARS = 64;

    private Identity() {
    }

    /** A GET request for every identity OID of {@code profile}. */
    static PDU request(SnmpProfile profile, PDU pdu) {
        pdu.setType(PDU.GET);
        profile.identity().values().forEach(oid -> pdu.add(new VariableBinding(new org.snmp4j.smi.OID(oid))));
        return pdu;
    }

    /** The identity from an answer to {@link #request}: fixed keys first, then what the device said. */
    static Map<String, String> decode(SnmpProfile profile, PDU response) {
        Map<String, String> info = new LinkedHashMap<>(profile.fixed());
        Map<String, String> byOid = new LinkedHashMap<>();
        if (response != null) {
            for (VariableBinding vb : response.getVariableBindings()) {
                String text = text(vb);
                if (text != null) {
                    byOid.put(vb.getOid().toDottedString(), text);
                }
            }
        }
        profile.identity().forEach((key, oid) -> {
            String text = byOid.get(oid);
            if (text != null) {
                info.put(key, text);
            }
        });
        return info;
    }

    private static String text(VariableBinding vb) {
        Variable v = vb.getVariable();
        if (vb.isException() || !(v instanceof OctetString s) || !s.isPrintable()) {
            return null;
        }
        String text = s.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
