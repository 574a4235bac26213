package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.cli.Main;
import org.vigie.agent.it.Mosquitto;

/** {@code vigie notify-test}: 0 when sent, 1 when not, 2 for a wrong channel or configuration. */
class NotifyTestCommandIT {
    @TempDir
    Path dir;

    private Path config(String url, ModemPeer modem) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "site: dc1\nagent: b1\nstate_dir: " + dir.resolve("state") + "\n"
                + "mqtt: {urls: [tcp://127.0.0.1:1883]}\n"
                + "sensors:\n  - {id: t, type: sim, values: [{at: 0s, value: 0}]}\n"
                + "notify:\n  channels:\n    - {id: chat, type: webhook, url: \"" + url + "\", timeout: 2s}\n"
                + (modem == null ? "" : "    - {id: sms, type: sms, port: " + modem.dev + ", to: [\"+33600000001\"]}\n")
                + "  routes:\n    - {channels: [chat]}\n");
        return file;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aWorkingWebhookAndModemExitZero() throws Exception {
        try (WebhookServer hook = new WebhookServer(); ModemPeer modem = new ModemPeer(dir)) {
            Path cfg = config(hook.url().toString(), modem);
            Run r = run("notify-test", "--config", cfg.toString(), "--channel", "chat");
            assertEquals(0, r.code(), r.toString());
            assertEquals("sent chat: HTTP 200\n", r.out());
            assertTrue(hook.await(1, x -> true, Duration.ofSeconds(5)).get(0).body().contains("\"test\":true"));
            Run sms = run("notify-test", "--config", cfg.toString(), "--channel", "sms");
            assertEquals("sent sms +33600000001: +CMGS: 1\n", sms.out(), sms.toString());
            assertTrue(modem.events("sms").get(0).text().startsWith("TEST vigie dc1/b1 on sms at "));
        }
    }

    @Test
    void anUnreachableWebhookExitsOneWithOneLine() throws Exception {
        Path cfg = config("http://127.0.0.1:" + Mosquitto.freePort() + "/hook", null);
        Run r = run("notify-test", "--config", cfg.toString(), "--channel", "chat");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().startsWith("FAILED chat: http://127.0.0.1:"), r.out());
        assertEquals(1, r.out().lines().count(), r.out());
    }

    @Test
    void anUnknownChannelIsAUsageError() throws Exception {
        Path cfg = config("http://127.0.0.1:9/hook", null);
        Run r = run("notify-test", "--config", cfg.toString(), "--channel", "pager");
        assertEquals(2, r.code());
        assertEquals("vigie: no channel pager in notify.channels; channels are chat\n", r.err());
    }
}
