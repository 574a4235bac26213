package org.vigie.agent.notify;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Date;
import java.util.Properties;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.sensors.SecretFile;

/**
 * {@code type: email}: one message to every {@code to}, through Jakarta Mail (Eclipse Angus).
 * {@code starttls} is required, not opportunistic: a server that does not offer it is a failure,
 * never a plain-text fallback. Server certificates and host names are checked.
 */
final class EmailSender implements Sender {
    private final NotifyConfig.Email config;
    private final Session session;
    private final String password;

    EmailSender(NotifyConfig.Email config) throws IOException {
        this.config = config;
        this.password = config.passwordFile() == null ? null : SecretFile.read("password_file", config.passwordFile());
        Properties p = new Properties();
        String ms = Long.toString(config.timeout().toMillis());
        String proto = config.security().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", config.host());
        p.put("mail." + proto + ".port", Integer.toString(config.port()));
        p.put("mail." + proto + ".connectiontimeout", ms);
        p.put("mail." + proto + ".timeout", ms);
        p.put("mail." + proto + ".writetimeout", ms);
        p.put("mail." + proto + ".auth", Boolean.toString(config.username() != null));
        p.put("mail." + proto + ".ssl.checkserveridentity", "true");
        if (config.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (config.caFile() != null) {
            p.put("mail." + proto + ".ssl.socketFactory", CaTrust.socketFactory(config.caFile()));
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String send(Notification n) throws IOException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(config.from()));
            for (String to : config.to()) {
                m.addRecipient(RecipientType.TO, new InternetAddress(to));
            }
            m.setSubject(n.message().subject(), "UTF-8");
            m.setText(n.message().body(), "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("X-Vigie-Notification", n.id());
            m.saveChanges();
            try (Transport t = session.getTransport()) {
                if (config.username() != null) {
                    t.connect(config.username(), password);
                } else {
                    t.connect();
                }
                t.sendMessage(m, m.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new IOException(config.host() + ":" + config.port() + ": " + Errors.describe(e), e);
        }
        return "accepted by " + config.host() + ":" + config.port() + " for " + config.to().size() + " recipient(s)";
    }
}
