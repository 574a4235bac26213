package org.vigie.sensors.snmp;

import java.time.Instant;
import java.util.Map;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Scaling;
import org.vigie.sensors.ValueType;

/** Turns what an SNMP agent answered into readings and into problems a person can act on. */
final class Answers {

    private static final Map<OID, String> USM_REPORTS = Map.of(
            SnmpConstants.usmStatsWrongDigests,
            "wrong digest: the agent rejects the authentication key (check auth_password_file and auth_protocol)",
            SnmpConstants.usmStatsDecryptionErrors,
            "decryption error: the agent rejects the privacy key (check priv_password_file)",
            SnmpConstants.usmStatsUnknownUserNames, "unknown user name (check user)",
            SnmpConstants.usmStatsUnsupportedSecLevels,
            "unsupported security level for this user (check security_level)",
            SnmpConstants.usmStatsNotInTimeWindows, "not in time window (the agent's clock or boots changed)",
            SnmpConstants.usmStatsUnknownEngineIDs, "unknown engine ID");

    /** RFC 3416 error-status names, by value. */
    private static final String[] ERROR_STATUS = {"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr",
        "noAccess", "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
        "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable", "inconsistentName"};

    private Answers() {
    }

    /** The reading of {@code channel} of sensor {@code sensorId} from the answer {@code vb}. */
    static Reading reading(String sensorId, OidChannel channel, VariableBinding vb, Instant now) {
        String address = ChannelSpec.address(sensorId, channel.name());
        Variable v = vb.getVariable();
        String get = "get " + channel.oid() + ": ";
        if (v == null || vb.isException()) {
            return Reading.fault(address, now, get + exception(v));
        }
        Long integer = integer(v);
        if (integer != null && integer < 0 && v.getSyntax() == SMIConstants.SYNTAX_COUNTER64) {
            // Unsigned 64 bits: past 2^63 it is no quantity a UPS or a probe measures.
            return Reading.fault(address, now, get + "huge value " + v + " (beyond 2^63)");
        }
        if (integer != null && channel.valid() != null) {
            String problem = channel.valid().problem(integer);
            if (problem != null) {
                return Reading.fault(address, now, get + problem);
            }
        }
        if (channel.type() == ValueType.BOOLEAN) {
            if (integer == null) {
                return Reading.fault(address, now, get + wrongType(v, "an integer"));
            }
            return Reading.flag(address, channel.activeWhen().contains(integer.intValue()), now);
        }
        Double number = integer != null ? Double.valueOf(integer) : decimalString(v);
        if (number == null) {
            return Reading.fault(address, now, get + (nonFinite(v) ? "not a finite number: " + v : wrongType(v, "a number")));
        }
        if (integer == null && channel.valid() != null) {
            String problem = channel.valid().problem(Math.round(number));
            if (problem != null) {
                return Reading.fault(address, now, get + problem);
            }
        }
        return Reading.number(address, Scaling.apply(number, channel.scale()), now);
    }

    private static String exception(Variable v) {
        if (v == null) {
            return "no value";
        }
        return switch (v.getSyntax()) {
            case SMIConstants.EXCEPTION_NO_SUCH_OBJECT -> "noSuchObject (the agent does not implement this object)";
            case SMIConstants.EXCEPTION_NO_SUCH_INSTANCE -> "noSuchInstance (no such instance: check the index)";
            case SMIConstants.EXCEPTION_END_OF_MIB_VIEW -> "endOfMibView";
            default -> v.getSyntaxString();
        };
    }

    private static String wrongType(Variable v, String expected) {
        String shown = v.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "…";
        }
        return "wrong type " + v.getSyntaxString() + " (" + shown + "), expected " + expected;
    }

    /** The value of an integer-typed answer (INTEGER, Counter32/64, Gauge32, TimeTicks), else null. */
    private static Long integer(Variable v) {
        return switch (v.getSyntax()) {
            case SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_GAUGE32,
                    SMIConstants.SYNTAX_TIMETICKS -> v.toLong();
            case SMIConstants.SYNTAX_COUNTER64 -> v.toLong();
            default -> null;
        };
    }

    /** Some PDUs and probes answer a decimal as text ("23.5"): accepted when that is all the text holds. */
    private static Double decimalString(Variable v) {
        if (!(v instanceof OctetString s) || !s.isPrintable()) {
            return null;
        }
        String text = s.toString().strip();
        if (!text.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return Double.valueOf(text);
    }

    /** A text answer that spells NaN or an infinity, as some probes do when a sensor is unplugged. */
    private static boolean nonFinite(Variable v) {
        return v instanceof OctetString s && s.isPrintable()
                && s.toString().strip().matches("(?i)[-+]?(nan|inf|infinity)");
    }

    /** What a REPORT answer means: the agent refused the request at the security layer. */
    static String report(PDU report) {
        if (report.size() == 0) {
            return "the agent answered with an empty report";
        }
        OID oid = report.get(0).getOid();
        for (Map.Entry<OID, String> e : USM_REPORTS.entrySet()) {
            if (oid.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return "the agent answered with a report " + oid;
    }

    /** An error-status answer, with the OID it points at when it points at one. */
    static String errorStatus(PDU response) {
        int index = response.getErrorIndex();
        String at = "";
        if (index > 0 && index <= response.size()) {
            at = " at " + response.get(index - 1).getOid();
        }
        int status = response.getErrorStatus();
        String name = status >= 0 && status < ERROR_STATUS.length ? ERROR_STATUS[status] : "error";
        return "error-status " + name + "(" + status + ")" + at;
    }
}
