package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.shutdown.Command;
import org.vigie.agent.shutdown.Envelope;

/** Restarts of the listener and of the broker, and a listener away when the command is sent. */
class ListenerResilienceIT {
    @TempDir
    Path dir;
    Rig rig;

    @BeforeEach
    void rig() throws Exception {
        rig = new Rig(dir);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    private byte[] shutdown(long seq, long delayS, Instant expires) {
        return Envelope.seal(Rig.command(Command.Action.SHUTDOWN, "rack-a", seq, delayS, expires), rig.agentKey);
    }

    @Test
    void stoppedDuringACountdownItResumesFromThePersistedDeadlineAndRunsOnce() throws Exception {
        try (Listener first = rig.listener("rack-a")) {
            rig.send("rack-a", rig.shutdown("rack-a", 1, 3));
            rig.ack("rack-a", 1L, "countdown");
        }
        rig.assertNeverRan();
        try (Listener second = rig.listener("rack-a")) {
            String reason = rig.acks.await(r -> r.json().path("state").asText().equals("countdown")
                    && r.json().path("reason").asText().startsWith("resumed"), Rig.WAIT, "resumed countdown")
                    .json().get("reason").asText();
            assertTrue(reason.contains("runs at"), reason);
            rig.ack("rack-a", 1L, "executing");
            Thread.sleep(300);
            assertEquals(1, rig.runs());
        }
        try (Listener third = rig.listener("rack-a")) {
            Thread.sleep(500);
            assertEquals(1, rig.runs(), "a command that ran is not resumed");
        }
    }

    @Test
    void aDeadlinePassedWhileDownRunsAtRestartIfTheCommandHasNotExpired() throws Exception {
        try (Listener first = rig.listener("rack-a")) {
            rig.send("rack-a", rig.shutdown("rack-a", 1, 2));
            rig.ack("rack-a", 1L, "countdown");
        }
        Thread.sleep(2500);
        rig.assertNeverRan();
        try (Listener second = rig.listener("rack-a")) {
            rig.ack("rack-a", 1L, "executing");
            Thread.sleep(300);
            assertEquals(1, rig.runs());
        }
    }

    @Test
    void aCountdownWhoseCommandExpiredWhileDownIsDroppedNotRun() throws Exception {
        try (Listener first = rig.listener("rack-a")) {
            rig.send("rack-a", shutdown(1, 30, Instant.now().plusSeconds(2)));
            rig.ack("rack-a", 1L, "countdown");
        }
        Thread.sleep(2500);
        try (Listener second = rig.listener("rack-a")) {
            String reason = rig.ack("rack-a", 1L, "cancelled").json().get("reason").asText();
            assertTrue(reason.contains("while the listener was down"), reason);
            Thread.sleep(500);
            rig.assertNeverRan();
        }
    }

    @Test
    void aCommandSentWhileTheListenerWasAwayReachesItBeforeItExpires() throws Exception {
        rig.listener("rack-a").close();
        rig.send("rack-a", shutdown(1, 1, Instant.now().plusSeconds(60)));
        Thread.sleep(500);
        try (Listener back = rig.listener("rack-a")) {
            rig.ack("rack-a", 1L, "received");
            rig.ack("rack-a", 1L, "executing");
            Thread.sleep(300);
            assertEquals(1, rig.runs());
        }
    }

    @Test
    void aCommandThatExpiredWhileTheListenerWasAwayIsRejected() throws Exception {
        rig.listener("rack-a").close();
        rig.send("rack-a", shutdown(1, 0, Instant.now().plusMillis(1500)));
        Thread.sleep(2000);
        try (Listener back = rig.listener("rack-a")) {
            assertTrue(rig.ack("rack-a", 1L, "rejected").json().get("reason").asText().contains("expired"));
            Thread.sleep(500);
            rig.assertNeverRan();
            assertEquals(List.of("1:rejected"), rig.ackLog());
        }
    }

    @Test
    void theBrokerRestartsDuringACountdownAndTheCancelSentAfterwardsStillArrives() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            rig.send("rack-a", rig.shutdown("rack-a", 1, 8));
            rig.ack("rack-a", 1L, "countdown");
            rig.acks.close();
            rig.broker.stop();
            rig.broker.start();
            rig.acks = new Subscriber(rig.broker.url(), "vigie/" + Rig.SITE + "/shutdown/+/ack/+");
            rig.send("rack-a", rig.cancel("rack-a", 2));
            rig.ack("rack-a", 2L, "cancelled");
            Thread.sleep(8000);
            rig.assertNeverRan();
        }
    }

    @Test
    void losingTheBrokerTriggersNothingAndTheListenerComesBack() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            rig.acks.close();
            rig.broker.kill();
            Thread.sleep(2000);
            rig.assertNeverRan();
            rig.broker.start();
            rig.acks = new Subscriber(rig.broker.url(), "vigie/" + Rig.SITE + "/shutdown/+/ack/+");
            try (Subscriber status = new Subscriber(rig.broker.url(), "vigie/" + Rig.SITE + "/listeners/+/status")) {
                // a crashed broker may have lost the session it had not saved yet: wait for the resubscription
                status.await(r -> r.payload().equals("online"), Rig.WAIT, "listener back online");
            }
            rig.send("rack-a", rig.shutdown("rack-a", 1, 0));
            rig.ack("rack-a", 1L, "executing");
        }
    }
}
