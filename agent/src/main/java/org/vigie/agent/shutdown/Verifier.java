package org.vigie.agent.shutdown;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.agent.run.Json;

/**
 * Checks a received command exactly as SPEC §5 says, before anything else looks at it: signed by
 * a trusted key, for this site and one of this host's groups (the one of the topic), not expired,
 * not issued more than 30 s in the future, and with a {@code seq} above the last one accepted from
 * that agent. Pure: the caller keeps the state.
 */
public final class Verifier {
    /** Envelopes larger than this are not even parsed. */
    public static final int MAX_PAYLOAD = 16 * 1024;
    static final Duration MAX_FUTURE = Duration.ofSeconds(30);
    static final long MAX_DELAY_S = 24 * 3600;

    /** The outcome. {@code command} is set when accepted or a duplicate; {@code seq} when readable. */
    public record Result(Verdict verdict, Command command, String reason, Long seq, String sig) {
        public boolean accepted() {
            return verdict == Verdict.ACCEPTED;
        }
    }

    public enum Verdict {
        /** Act on it. */
        ACCEPTED,
        /** The very command already accepted, delivered again (QoS 1): ignore quietly. */
        DUPLICATE,
        /** Signed and readable, but not acceptable: acknowledge {@code rejected} with the reason. */
        REJECTED,
        /** Not even an envelope: log and ignore (there is no one to answer). */
        JUNK
    }

    /** What the listener remembers of what it accepted. */
    public interface History {
        /** The last seq accepted from {@code agent}, or -1. */
        long lastSeq(String agent);

        /** The signature of the command accepted with that seq, or {@code null}. */
        String lastSig(String agent);
    }

    private final String site;
    private final Set<String> groups;
    private final Map<String, PublicKey> trusted;

    /** @param trusted public keys by key id */
    public Verifier(String site, Set<String> groups, Map<String, PublicKey> trusted) {
        this.site = site;
        this.groups = Set.copyOf(groups);
        this.trusted = Map.copyOf(trusted);
    }

    public Result check(String topicGroup, byte[] payload, Instant now, History history) {
        if (payload.length > MAX_PAYLOAD) {
            return junk("payload of " + payload.length + " bytes, more than " + MAX_PAYLOAD);
        }
        JsonNode env;
        try {
            env = Json.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            return junk("not JSON");
        }
        if (env == null || !env.isObject()) {
            return junk("not a JSON object");
        }
        String bodyText = text(env, "body");
        String sigText = text(env, "sig");
        String keyId = text(env, "key");
        if (bodyText == null || sigText == null || keyId == null) {
            return junk("not a signed envelope: needs string fields body, sig and key");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(sigText);
        } catch (IllegalArgumentException e) {
            return junk("sig is not base64");
        }
        PublicKey key = trusted.get(keyId);
        if (key == null) {
            return rejected("signed by key " + shorten(keyId) + ", which is not trusted here", null, sigText);
        }
        if (!Signatures.verify(key, bodyText.getBytes(StandardCharsets.UTF_8), sig)) {
            return rejected("bad signature for key " + keyId + " (forged or altered after signing)", null, sigText);
        }
        return body(topicGroup, bodyText, sigText, now, history);
    }

    private Result body(String topicGroup, String bodyText, String sigText, Instant now, History history) {
        JsonNode b;
        try {
            b = Json.MAPPER.readTree(bodyText);
        } catch (JsonProcessingException e) {
            return rejected("body is not JSON", null, sigText);
        }
        if (b == null || !b.isObject()) {
            return rejected("body is not a JSON object", null, sigText);
        }
        Long seq = b.path("seq").canConvertToExactIntegral() ? b.path("seq").asLong() : null;
        List<String> missing = new ArrayList<>();
        for (String f : List.of("action", "site", "group", "agent", "issued", "expires")) {
            if (text(b, f) == null) {
                missing.add(f);
            }
        }
        if (b.path("v").asInt(-1) != Command.VERSION) {
            return rejected("unsupported version v=" + b.path("v"), seq, sigText);
        }
        if (seq == null || !b.path("delay_s").canConvertToExactIntegral()) {
            missing.add(seq == null ? "seq" : "delay_s");
        }
        if (!missing.isEmpty()) {
            return rejected("body lacks " + String.join(", ", missing), seq, sigText);
        }
        Command.Action action;
        if (text(b, "action").equals("shutdown")) {
            action = Command.Action.SHUTDOWN;
        } else if (text(b, "action").equals("cancel")) {
            action = Command.Action.CANCEL;
        } else {
            return rejected("unknown action " + shorten(text(b, "action")), seq, sigText);
        }
        if (!site.equals(text(b, "site"))) {
            return rejected("for site " + shorten(text(b, "site")) + ", this is " + site, seq, sigText);
        }
        String group = text(b, "group");
        if (!group.equals(topicGroup) || !groups.contains(group)) {
            return rejected("for group " + shorten(group) + " on the topic of " + topicGroup + "; this host is in "
                    + String.join(", ", groups.stream().sorted().toList()), seq, sigText);
        }
        Instant issued;
        Instant expires;
        try {
            issued = Instant.parse(text(b, "issued"));
            expires = Instant.parse(text(b, "expires"));
        } catch (DateTimeParseException e) {
            return rejected("issued or expires is not an RFC 3339 time", seq, sigText);
        }
        if (!now.isBefore(expires)) {
            return rejected("expired at " + Json.ts(expires), seq, sigText);
        }
        if (issued.isAfter(now.plus(MAX_FUTURE))) {
            return rejected("issued at " + Json.ts(issued) + ", more than 30 s in the future (clock skew?)", seq, sigText);
        }
        long delay = b.path("delay_s").asLong();
        if (delay < 0 || delay > MAX_DELAY_S) {
            return rejected("delay_s must be between 0 and " + MAX_DELAY_S + ", was " + delay, seq, sigText);
        }
        String agent = text(b, "agent");
        long last = history.lastSeq(agent);
        if (seq <= last) {
            if (seq == last && sigText.equals(history.lastSig(agent))) {
                return new Result(Verdict.DUPLICATE, null, "duplicate delivery of seq " + seq, seq, sigText);
            }
            return rejected("seq " + seq + " from agent " + shorten(agent) + " is not above the last accepted, " + last
                    + " (replay?)", seq, sigText);
        }
        List<String> alarms = new ArrayList<>();
        b.path("alarms").forEach(a -> alarms.add(a.asText()));
        Command c = new Command(Command.VERSION, action, site, group, agent, seq, issued, expires, delay,
                b.path("reason").isTextual() ? b.path("reason").asText() : null, List.copyOf(alarms));
        return new Result(Verdict.ACCEPTED, c, null, seq, sigText);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String shorten(String s) {
        String one = s.replaceAll("[\\p{Cntrl}]", "?");
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }

    private static Result junk(String reason) {
        return new Result(Verdict.JUNK, null, reason, null, null);
    }

    private static Result rejected(String reason, Long seq, String sig) {
        return new Result(Verdict.REJECTED, null, reason, seq, sig);
    }
}
