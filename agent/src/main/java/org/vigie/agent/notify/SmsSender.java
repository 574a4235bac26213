package org.vigie.agent.notify;

import java.io.IOException;
import org.vigie.agent.config.NotifyConfig;
import org.vigie.sensors.SecretFile;
import org.vigie.sensors.modem.Modem;
import org.vigie.sensors.modem.ModemSensorType;
import org.vigie.sensors.modem.SmsText;
import org.vigie.sensors.serial.SerialPorts;

/**
 * {@code type: sms}: one text to one number through the modem, cut to one SMS. The port is shared
 * with a {@code modem} sensor on the same device (same baud), exchange by exchange.
 */
final class SmsSender implements Sender {
    private final Modem modem;

    SmsSender(NotifyConfig.Sms config, SerialPorts ports) throws IOException {
        String pin = config.pinFile() == null ? null : SecretFile.read("pin_file", config.pinFile());
        this.modem = new Modem(ports.acquire(config.port(), ModemSensorType.line(config.baud()), "notify " + config.id()),
                pin, ModemSensorType.COMMAND_TIMEOUT, ModemSensorType.SEND_TIMEOUT);
    }

    @Override
    public String send(Notification n) throws IOException {
        if (n.recipient() == null) {
            throw new IOException("an SMS needs a number");
        }
        try {
            return "+CMGS: " + modem.sendSms(n.recipient(), SmsText.fit(n.message().text()));
        } catch (IOException e) {
            throw new IOException(modem.path() + " to " + n.recipient() + ": "
                    + org.vigie.sensors.serial.Problems.withoutPath(e, modem.path()), e);
        }
    }

    @Override
    public void close() {
        modem.close();
    }
}
