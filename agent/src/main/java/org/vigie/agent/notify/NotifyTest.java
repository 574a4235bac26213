package org.vigie.agent.notify;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.mqtt.Errors;

/**
 * {@code vigie notify-test}: one test message on one channel, now, with the outcome printed. Not
 * journaled and not queued: a running agent owns the journal and the outbox.
 */
public final class NotifyTest {
    private NotifyTest() {
    }

    /** @return whether every recipient got it */
    public static boolean run(AgentConfig cfg, NotifyConfig.Channel channel, PrintStream out) {
        Texts texts = new Texts(cfg.site(), cfg.agent());
        Instant now = Instant.now();
        Message m = texts.test(channel.id(), now);
        List<String> recipients = new ArrayList<>();
        if (channel instanceof NotifyConfig.Sms sms) {
            recipients.addAll(sms.to());
        } else {
            recipients.add(null);
        }
        Sender sender;
        try {
            sender = Notifier.open(channel);
        } catch (IOException e) {
            out.println("FAILED " + channel.id() + ": " + Errors.describe(e));
            return false;
        }
        boolean ok = true;
        try (sender) {
            int i = 0;
            for (String to : recipients) {
                Notification n = new Notification("test-" + now.toEpochMilli() + "-" + i++, channel.id(), to, m, now);
                String label = channel.id() + (to == null ? "" : " " + to);
                try {
                    out.println("sent " + label + ": " + sender.send(n));
                } catch (IOException e) {
                    out.println("FAILED " + label + ": " + Notifier.oneLine(e));
                    ok = false;
                }
            }
        }
        return ok;
    }
}
