package org.vigie.agent.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vigie.agent.run.Json;

/** Recovery steps read as sentences in the timeline. */
class RecoveryTextTest {
    private static ObjectNode step(String step) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "recovery");
        e.put("recovery", "flood-back");
        e.put("policy", "flood");
        e.put("step", step);
        return e;
    }

    @Test
    void eachStepIsOneLine() {
        ObjectNode waking = step("waking");
        waking.put("group", "rack-a-db");
        waking.putArray("wake").add("wol 52:54:00:12:34:56 via 192.0.2.255:9");
        assertEquals("RECOVERY flood-back waking group rack-a-db (wol 52:54:00:12:34:56 via 192.0.2.255:9)",
                EventText.describe(waking));
        ObjectNode back = step("back");
        back.put("group", "rack-a-db");
        back.put("after_ms", 48211);
        assertEquals("RECOVERY flood-back group rack-a-db back (every listener online, 48211 ms after waking)",
                EventText.describe(back));
        ObjectNode stopped = step("stopped");
        stopped.putArray("alarms").add("basement-leak");
        assertEquals("RECOVERY flood-back STOPPED: alarm(s) back: basement-leak", EventText.describe(stopped));
    }
}
