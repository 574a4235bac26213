package org.vigie.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.config.Severity;

/** E-mail through a real SMTP server (aiosmtpd): plain, STARTTLS with AUTH, TLS with AUTH, and refusals. */
class EmailIT {
    @TempDir
    Path dir;

    private Notification alarm() {
        Alarms alarms = new Alarms();
        Message m = new Texts("dc1", "b1").transition(alarms.raise("basement-leak", Severity.CRITICAL, Instant.now()));
        return new Notification("n1", "mail", null, m, Instant.now());
    }

    private EmailSender sender(SmtpServer s, String security, String user, String password, boolean trust) throws Exception {
        Path pass = null;
        if (password != null) {
            pass = dir.resolve("smtp.pass");
            Files.writeString(pass, password + "\n");
        }
        return new EmailSender(new NotifyConfig.Email("mail", "127.0.0.1", s.port, security, user, pass,
                "vigie@example.net", List.of("ops@example.net", "boss@example.net"), trust ? s.cert : null,
                Duration.ofSeconds(5)));
    }

    @Test
    void plainWithoutAuthentication() throws Exception {
        try (SmtpServer s = new SmtpServer(dir, "plain", null, null)) {
            String detail = sender(s, "plain", null, null, false).send(alarm());
            assertTrue(detail.startsWith("accepted by 127.0.0.1:"), detail);
            List<String> got = s.messages();
            assertEquals(1, got.size());
            String m = got.get(0);
            assertTrue(m.contains("X-Envelope-From: vigie@example.net"), m);
            assertTrue(m.contains("X-Envelope-To: ops@example.net, boss@example.net"), m);
            jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(null,
                    new java.io.ByteArrayInputStream(m.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals("[vigie] CRITICAL basement-leak ACTIVE dc1/b1: basement-leak is too hot at 33.5 °C", parsed.getSubject());
            assertTrue(((String) parsed.getContent()).contains("alarm:     basement-leak"), m);
        }
    }

    @Test
    void starttlsWithAuthentication() throws Exception {
        try (SmtpServer s = new SmtpServer(dir, "starttls", "vigie", "s3cret")) {
            sender(s, "starttls", "vigie", "s3cret", true).send(alarm());
            assertEquals(1, s.messages().size());
        }
    }

    @Test
    void implicitTlsWithAuthentication() throws Exception {
        try (SmtpServer s = new SmtpServer(dir, "tls", "vigie", "s3cret")) {
            sender(s, "tls", "vigie", "s3cret", true).send(alarm());
            assertEquals(1, s.messages().size());
        }
    }

    @Test
    void aWrongPasswordIsAFailureThatSaysSo() throws Exception {
        try (SmtpServer s = new SmtpServer(dir, "starttls", "vigie", "s3cret")) {
            IOException e = assertThrows(IOException.class, () -> sender(s, "starttls", "vigie", "wrong", true).send(alarm()));
            assertTrue(e.getMessage().startsWith("127.0.0.1:" + s.port + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("535"), e.getMessage());
            assertEquals(0, s.messages().size());
        }
    }

    @Test
    void starttlsIsRequiredNeverAPlainFallback() throws Exception {
        try (SmtpServer s = new SmtpServer(dir, "plain", null, null)) {
            IOException e = assertThrows(IOException.class, () -> sender(s, "starttls", null, null, true).send(alarm()));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertEquals(0, s.messages().size());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        try (SmtpServer s = new SmtpServer(dir, "tls", "vigie", "s3cret")) {
            IOException e = assertThrows(IOException.class, () -> sender(s, "tls", "vigie", "s3cret", false).send(alarm()));
            assertTrue(e.getMessage().contains("PKIX") || e.getMessage().contains("certif"), e.getMessage());
            assertEquals(0, s.messages().size());
        }
    }
}
