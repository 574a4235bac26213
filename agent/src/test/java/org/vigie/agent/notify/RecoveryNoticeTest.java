package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.config.Severity;
import org.vigie.agent.run.Json;

/** An ordered recovery's notices go where its policy's alarms go, and say what to do. */
class RecoveryNoticeTest {
    private final Router router = new Router(List.of(
            new NotifyConfig.Route(Severity.CRITICAL, List.of(), List.of("sms"), Duration.ofMinutes(15)),
            new NotifyConfig.Route(Severity.WARNING, List.of("on-battery"), List.of("mail"), null),
            new NotifyConfig.Route(null, List.of("basement-leak"), List.of("chat"), null)),
            new Texts("dc1", "b1"), id -> java.util.Optional.empty());

    @Test
    void theRoutesOfThePolicysAlarmsAtItsSeverityCarryIt() {
        assertEquals(Set.of("sms", "chat"), router.channelsFor(Severity.CRITICAL, List.of("basement-leak")));
        assertEquals(Set.of("sms"), router.channelsFor(Severity.CRITICAL, List.of("cold-aisle-hot")));
        assertEquals(Set.of("mail"), router.channelsFor(Severity.WARNING, List.of("on-battery")));
    }

    @Test
    void aConfirmationNoticeSaysHowToConfirm() {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "recovery");
        e.put("recovery", "flood-back");
        e.put("policy", "flood");
        e.put("step", "confirm");
        e.put("state", "confirm");
        Message m = RecoveryTexts.of(e, "dc1", "b1");
        assertEquals(Message.Kind.RECOVERY, m.kind());
        assertTrue(m.text().startsWith("RECOVERY flood-back WAITS FOR CONFIRMATION"), m.text());
        assertTrue(m.body().contains("vigie/dc1/b1/cmd/recover {\"policy\":\"flood-back\",\"by\":\"NAME\"}"), m.body());
        e.put("step", "incomplete");
        e.put("state", "incomplete");
        e.putArray("missing").add("rack-a-db/db1");
        assertTrue(RecoveryTexts.of(e, "dc1", "b1").text().contains("not back: rack-a-db/db1"));
    }
}
