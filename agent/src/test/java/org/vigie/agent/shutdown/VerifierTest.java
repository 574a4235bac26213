package org.vigie.agent.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.agent.run.Json;

/** Every verdict of the verifier, with real Ed25519 keys. */
class VerifierTest {
    static final KeyPair AGENT_KEY = Keys.generate();
    static final KeyPair STRANGER = Keys.generate();
    static final Instant NOW = Instant.parse("2026-11-28T22:00:00.000Z");

    final Verifier verifier = new Verifier("dc1", Set.of("rack-a", "rack-b"),
            Map.of(Keys.id(AGENT_KEY.getPublic()), AGENT_KEY.getPublic()));
    final Map<String, Long> seqs = new HashMap<>();
    final Map<String, String> sigs = new HashMap<>();
    final Verifier.History history = new Verifier.History() {
        @Override
        public long lastSeq(String agent) {
            return seqs.getOrDefault(agent, -1L);
        }

        @Override
        public String lastSig(String agent) {
            return sigs.get(agent);
        }
    };

    static Command command(Command.Action action, String site, String group, long seq, Instant issued, Instant expires) {
        return new Command(1, action, site, group, "room-b1", seq, issued, expires, 60, "basement-leak",
                List.of("basement-leak"));
    }

    static Command good(long seq) {
        return command(Command.Action.SHUTDOWN, "dc1", "rack-a", seq, NOW.minusSeconds(1), NOW.plusSeconds(300));
    }

    Verifier.Result check(byte[] payload) {
        return verifier.check("rack-a", payload, NOW, history);
    }

    void accepted(Verifier.Result r) {
        seqs.put(r.command().agent(), r.command().seq());
        sigs.put(r.command().agent(), r.sig());
    }

    static byte[] envelope(String body, String sig, String key) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("body", body);
        n.put("sig", sig);
        n.put("key", key);
        return Json.bytes(n);
    }

    static String sign(String body, KeyPair k) {
        return Base64.getEncoder().encodeToString(Signatures.sign(k.getPrivate(), body.getBytes(StandardCharsets.UTF_8)));
    }

    void rejected(byte[] payload, String reasonPart) {
        Verifier.Result r = check(payload);
        assertEquals(Verifier.Verdict.REJECTED, r.verdict(), r.toString());
        assertTrue(r.reason().contains(reasonPart), r.reason());
        assertNull(r.command());
    }

    void junk(byte[] payload, String reasonPart) {
        Verifier.Result r = check(payload);
        assertEquals(Verifier.Verdict.JUNK, r.verdict(), r.toString());
        assertTrue(r.reason().contains(reasonPart), r.reason());
    }

    @Test
    void aGoodShutdownIsAcceptedWithEveryField() {
        Verifier.Result r = check(Envelope.seal(good(17), AGENT_KEY));
        assertEquals(Verifier.Verdict.ACCEPTED, r.verdict(), r.toString());
        Command c = r.command();
        assertEquals(Command.Action.SHUTDOWN, c.action());
        assertEquals("rack-a", c.group());
        assertEquals("room-b1", c.agent());
        assertEquals(17, c.seq());
        assertEquals(60, c.delaySeconds());
        assertEquals("basement-leak", c.reason());
        assertEquals(List.of("basement-leak"), c.alarms());
        assertEquals(NOW.plusSeconds(300), c.expires());
        assertEquals(17L, r.seq());
        assertNotNull(r.sig());
    }

    @Test
    void aCancelIsAccepted() {
        Command c = command(Command.Action.CANCEL, "dc1", "rack-a", 3, NOW, NOW.plusSeconds(60));
        assertEquals(Command.Action.CANCEL, check(Envelope.seal(c, AGENT_KEY)).command().action());
    }

    @Test
    void aKeyNotTrustedIsRejected() {
        rejected(Envelope.seal(good(1), STRANGER), "not trusted");
    }

    @Test
    void aValidSignatureUnderATrustedKeyIdOfAnotherKeyIsRejected() {
        String body = good(1).toJson();
        rejected(envelope(body, sign(body, STRANGER), Keys.id(AGENT_KEY.getPublic())), "bad signature");
    }

    @Test
    void aBodyAlteredAfterSigningIsRejected() {
        String body = good(1).toJson();
        String sig = sign(body, AGENT_KEY);
        rejected(envelope(body.replace("\"delay_s\":60", "\"delay_s\":0"), sig, Keys.id(AGENT_KEY.getPublic())),
                "bad signature");
    }

    @Test
    void aTruncatedSignatureIsRejected() {
        String body = good(1).toJson();
        String sig = Base64.getEncoder().encodeToString(new byte[10]);
        rejected(envelope(body, sig, Keys.id(AGENT_KEY.getPublic())), "bad signature");
    }

    @Test
    void anExpiredCommandIsRejected() {
        rejected(Envelope.seal(command(Command.Action.SHUTDOWN, "dc1", "rack-a", 1, NOW.minusSeconds(600),
                NOW.minusSeconds(300)), AGENT_KEY), "expired");
        rejected(Envelope.seal(command(Command.Action.SHUTDOWN, "dc1", "rack-a", 1, NOW.minusSeconds(60), NOW),
                AGENT_KEY), "expired");
    }

    @Test
    void aCommandIssuedMoreThanThirtySecondsAheadIsRejected() {
        rejected(Envelope.seal(command(Command.Action.SHUTDOWN, "dc1", "rack-a", 1, NOW.plusSeconds(31),
                NOW.plusSeconds(600)), AGENT_KEY), "in the future");
        Verifier.Result skewed = check(Envelope.seal(command(Command.Action.SHUTDOWN, "dc1", "rack-a", 1,
                NOW.plusSeconds(30), NOW.plusSeconds(600)), AGENT_KEY));
        assertEquals(Verifier.Verdict.ACCEPTED, skewed.verdict(), "30 s of skew is tolerated");
    }

    @Test
    void anotherSiteIsRejected() {
        rejected(Envelope.seal(command(Command.Action.SHUTDOWN, "dc2", "rack-a", 1, NOW, NOW.plusSeconds(60)),
                AGENT_KEY), "for site dc2");
    }

    @Test
    void aGroupOtherThanTheTopicsIsRejected() {
        rejected(Envelope.seal(command(Command.Action.SHUTDOWN, "dc1", "rack-b", 1, NOW, NOW.plusSeconds(60)),
                AGENT_KEY), "on the topic of rack-a");
        Verifier.Result r = verifier.check("rack-z", Envelope.seal(command(Command.Action.SHUTDOWN, "dc1", "rack-z", 1,
                NOW, NOW.plusSeconds(60)), AGENT_KEY), NOW, history);
        assertEquals(Verifier.Verdict.REJECTED, r.verdict(), "a group this host is not in");
    }

    @Test
    void aReplayOfAnEarlierAcceptedCommandIsRejectedAndItsRedeliveryIsADuplicate() {
        byte[] first = Envelope.seal(good(5), AGENT_KEY);
        accepted(check(first));
        Verifier.Result again = check(first);
        assertEquals(Verifier.Verdict.DUPLICATE, again.verdict(), "the same command delivered twice");
        accepted(check(Envelope.seal(command(Command.Action.CANCEL, "dc1", "rack-a", 6, NOW, NOW.plusSeconds(60)),
                AGENT_KEY)));
        rejected(first, "not above the last accepted, 6");
        rejected(Envelope.seal(good(6), AGENT_KEY), "not above the last accepted, 6");
    }

    @Test
    void seqIsPerAgent() {
        accepted(check(Envelope.seal(good(50), AGENT_KEY)));
        Command other = new Command(1, Command.Action.SHUTDOWN, "dc1", "rack-a", "room-b2", 1, NOW, NOW.plusSeconds(60),
                10, null, List.of());
        assertEquals(Verifier.Verdict.ACCEPTED, check(Envelope.seal(other, AGENT_KEY)).verdict());
    }

    @Test
    void signedButUnacceptableBodiesAreRejectedWithTheirSeqWhenReadable() {
        String key = Keys.id(AGENT_KEY.getPublic());
        String noSite = "{\"v\":1,\"action\":\"shutdown\",\"group\":\"rack-a\",\"agent\":\"a\",\"seq\":9,"
                + "\"issued\":\"2026-11-28T22:00:00.000Z\",\"expires\":\"2026-11-28T22:05:00.000Z\",\"delay_s\":1}";
        Verifier.Result r = check(envelope(noSite, sign(noSite, AGENT_KEY), key));
        assertEquals(Verifier.Verdict.REJECTED, r.verdict());
        assertTrue(r.reason().contains("lacks site"), r.reason());
        assertEquals(9L, r.seq());
        for (String[] c : new String[][] {
                {"not json", "body is not JSON"},
                {"[1]", "not a JSON object"},
                {noSite.replace("\"v\":1", "\"v\":2"), "unsupported version"},
                {noSite.replace("\"group\"", "\"site\":\"dc1\",\"group\"").replace("shutdown", "reboot"), "unknown action"},
                {noSite.replace("\"group\"", "\"site\":\"dc1\",\"group\"").replace("\"delay_s\":1", "\"delay_s\":-1"),
                        "delay_s must be"},
                {noSite.replace("\"group\"", "\"site\":\"dc1\",\"group\"").replace("22:05:00.000Z", "soon"), "RFC 3339"},
                {noSite.replace(",\"seq\":9", ""), "seq"}}) {
            Verifier.Result x = check(envelope(c[0], sign(c[0], AGENT_KEY), key));
            assertEquals(Verifier.Verdict.REJECTED, x.verdict(), c[0]);
            assertTrue(x.reason().contains(c[1]), c[0] + " → " + x.reason());
        }
    }

    @Test
    void junkIsNotAnswered() {
        junk("not json at all".getBytes(StandardCharsets.UTF_8), "not JSON");
        junk("[1,2]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
        junk("{\"body\":\"x\",\"sig\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8), "needs string fields");
        junk("{\"body\":\"x\",\"sig\":7,\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8), "needs string fields");
        junk(envelope(good(1).toJson(), "***not base64***", Keys.id(AGENT_KEY.getPublic())), "not base64");
        byte[] noise = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(noise);
        junk(noise, "more than");
        junk(new byte[0], "not");
    }
}
