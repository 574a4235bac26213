package org.vigie.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Payloads of {@code cmd/ack}: junk becomes a problem text to log, never an exception. */
class AckRequestTest {

    @Test
    void aValidRequestGivesAlarmAndWho() {
        AckRequest r = AckRequest.parse("{\"alarm\":\"basement-leak\",\"by\":\"alice\"}");
        assertEquals(new AckRequest("basement-leak", "alice", null), r);
    }

    @Test
    void extraFieldsAreIgnored() {
        AckRequest r = AckRequest.parse("{\"by\":\"bob\",\"alarm\":\"t1.fault\",\"note\":\"on it\"}");
        assertEquals(new AckRequest("t1.fault", "bob", null), r);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "", "   ", "basement-leak", "{\"alarm\":", "{alarm: basement-leak}", "null", "42", "\"text\"",
            "[\"basement-leak\",\"alice\"]", "[]", "{}",
            "{\"alarm\":\"basement-leak\"}", "{\"by\":\"alice\"}",
            "{\"alarm\":\"\",\"by\":\"alice\"}", "{\"alarm\":\"basement-leak\",\"by\":\"  \"}",
            "{\"alarm\":42,\"by\":\"alice\"}", "{\"alarm\":\"basement-leak\",\"by\":null}",
            "{\"alarm\":[\"a\"],\"by\":{\"name\":\"alice\"}}",
    })
    void junkIsAProblemNotAnAcknowledgement(String payload) {
        AckRequest r = AckRequest.parse(payload);
        assertNotNull(r.problem(), "a problem for " + payload);
        assertNull(r.alarm());
        assertNull(r.by());
    }

    @Test
    void problemsSayWhatIsWrong() {
        assertTrue(AckRequest.parse("oops").problem().startsWith("not JSON: oops"));
        assertTrue(AckRequest.parse("[1]").problem().startsWith("not a JSON object: [1]"));
        assertTrue(AckRequest.parse("{\"by\":\"alice\"}").problem().startsWith("missing \"alarm\""));
        assertTrue(AckRequest.parse("{\"alarm\":\"x\"}").problem().startsWith("missing \"by\""));
    }

    @Test
    void aHugePayloadIsRefusedBeforeParsingAndNotEchoed() {
        String huge = "{\"alarm\":\"" + "x".repeat(1_000_000) + "\",\"by\":\"alice\"}";
        AckRequest r = AckRequest.parse(huge);
        assertEquals("payload of " + huge.length() + " characters, more than 4096", r.problem());
    }

    @Test
    void anEchoedPayloadIsShortenedToOneLine() {
        String junk = "not json\n" + "y".repeat(500);
        String problem = AckRequest.parse(junk).problem();
        assertEquals("not JSON: not json " + "y".repeat(71) + "…", problem);
    }

    @Test
    void deeplyNestedJsonIsAProblemNotACrash() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertNotNull(AckRequest.parse(deep.substring(0, 4000)).problem());
    }
}
