package org.vigie.sensors.modem;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.sensors.serial.SerialIo;
import org.vigie.sensors.serial.SerialLink;

/**
 * A GSM/LTE modem on a serial line, spoken to with AT commands: prepared once per opening of the
 * port ({@code AT}, {@code ATE0}, the SIM PIN, text mode), then asked for its signal and network
 * registration, or made to send an SMS. Each call is one exchange on the shared link, so the
 * {@code modem} sensor and the SMS channel on the same port never talk over each other.
 */
public final class Modem implements AutoCloseable {
    /** Ports whose SIM refused the PIN: never tried again, three wrong PINs lock the SIM (PUK). */
    private static final Map<String, String> REFUSED_PINS = new ConcurrentHashMap<>();
    private static final Pattern CSQ = Pattern.compile("\\+CSQ:\\s*(\\d+)\\s*,\\s*(\\d+)");
    private static final Pattern CREG = Pattern.compile("\\+CREG:\\s*(\\d+)\\s*,\\s*(\\d+).*");
    private static final Pattern CMGS = Pattern.compile("\\+CMGS:\\s*(\\d+).*");
    private static final String[] REGISTRATION = {"not registered", "registered (home)", "searching for a network",
        "registration denied", "registration unknown", "registered (roaming)"};

    /**
     * The modem's view of the network.
     *
     * @param signalDbm    received signal strength, or {@code null} when the modem does not know (+CSQ: 99)
     * @param registered   registered on a network (home or roaming)
     * @param registration the registration state in words
     */
    public record Status(Double signalDbm, boolean registered, String registration) {
    }

    private final SerialLink link;
    private final String pin;
    private final long commandNanos;
    private final long sendNanos;
    private volatile boolean ready;

    /**
     * @param pin         the SIM PIN, or {@code null}
     * @param timeout     how long a command may take
     * @param sendTimeout how long the network may take to accept an SMS after its text
     */
    public Modem(SerialLink link, String pin, Duration timeout, Duration sendTimeout) {
        this.link = link;
        this.pin = pin;
        this.commandNanos = timeout.toNanos();
        this.sendNanos = sendTimeout.toNanos();
        link.onLost(problem -> ready = false);
    }

    public String path() {
        return link.path();
    }

    /** Calls {@code listener} with the problem as soon as the port is seen to vanish. */
    public void onLost(java.util.function.Consumer<String> listener) {
        link.onLost(listener);
    }

    /** Signal and registration. */
    public Status status() throws IOException {
        return exchange(at -> {
            Double dbm = null;
            for (String line : at.command("AT+CSQ", commandNanos)) {
                Matcher m = CSQ.matcher(line);
                if (m.matches()) {
                    int rssi = Integer.parseInt(m.group(1));
                    dbm = rssi <= 31 ? -113.0 + 2 * rssi : null;
                }
            }
            int stat = registration(at);
            return new Status(dbm, stat == 1 || stat == 5, describe(stat));
        });
    }

    /**
     * Sends {@code text} (already fit to one SMS, see {@link SmsText}) to {@code number}.
     *
     * @return the message reference the network gave
     * @throws AtException the modem refused ({@code +CMS ERROR: 500}); the text was not sent
     * @throws IOException no registration, no answer, the port lost
     */
    public String sendSms(String number, String text) throws IOException {
        return exchange(at -> {
            int stat = registration(at);
            if (stat != 1 && stat != 5) {
                throw new IOException("no network: " + describe(stat) + " (+CREG stat " + stat + ")");
            }
            String command = "AT+CMGS=\"" + number + "\"";
            at.write(command + "\r");
            at.prompt(command, System.nanoTime() + commandNanos);
            at.write(text + "\u001a");
            for (String line : at.result("AT+CMGS", System.nanoTime() + sendNanos)) {
                Matcher m = CMGS.matcher(line);
                if (m.matches()) {
                    return m.group(1);
                }
            }
            throw new IOException("AT+CMGS: OK without +CMGS message reference");
        });
    }

    private interface Step<T> {
        T run(AtChannel at) throws IOException;
    }

    private <T> T exchange(Step<T> step) throws IOException {
        return link.exchange((SerialIo io) -> {
            io.discardInput();
            AtChannel at = new AtChannel(io);
            try {
                prepare(at);
                return step.run(at);
            } catch (IOException e) {
                ready = false;
                throw e;
            }
        });
    }

    private void prepare(AtChannel at) throws IOException {
        at.command("AT", commandNanos);
        if (ready) {
            return;
        }
        at.command("ATE0", commandNanos);
        sim(at);
        at.command("AT+CMGF=1", commandNanos);
        ready = true;
    }

    private void sim(AtChannel at) throws IOException {
        String state = "";
        for (String line : at.command("AT+CPIN?", commandNanos)) {
            if (line.startsWith("+CPIN:")) {
                state = line.substring(6).trim();
            }
        }
        if (state.equals("READY")) {
            return;
        }
        if (!state.equals("SIM PIN")) {
            throw new IOException("SIM not ready: " + (state.isEmpty() ? "no +CPIN answer" : state)
                    + (state.contains("PUK") ? " (locked: unlock it in a phone)" : ""));
        }
        if (pin == null) {
            throw new IOException("the SIM needs its PIN and no pin_file is configured");
        }
        String refused = REFUSED_PINS.get(link.path());
        if (refused != null) {
            throw new IOException("the SIM refused the PIN (" + refused + "); not tried again so that the SIM does not lock:"
                    + " fix pin_file and restart vigie");
        }
        try {
            at.command("AT+CPIN=\"" + pin + "\"", commandNanos);
        } catch (AtException e) {
            REFUSED_PINS.put(link.path(), e.result());
            throw new IOException("the SIM refused the PIN of pin_file (" + e.result() + "); not tried again", e);
        }
    }

    private int registration(AtChannel at) throws IOException {
        for (String line : at.command("AT+CREG?", commandNanos)) {
            Matcher m = CREG.matcher(line);
            if (m.matches()) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new IOException("AT+CREG?: no +CREG line in the answer");
    }

    private static String describe(int stat) {
        return stat >= 0 && stat < REGISTRATION.length ? REGISTRATION[stat] : "registration state " + stat;
    }

    /** For tests: forget refused PINs. */
    static void forgetRefusedPins() {
        REFUSED_PINS.clear();
    }

    @Override
    public void close() {
        link.close();
    }
}
