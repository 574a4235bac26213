package org.vigie.sensors.nut;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigie.sensors.SecretFile;

/**
 * One connection to a NUT {@code upsd}, kept open between polls and opened again after any
 * failure. Plain text protocol (docs/net-protocol.txt of NUT): a command a line, an answer or
 * {@code ERR CODE} back.
 */
final class NutClient implements AutoCloseable {

    /** upsd answered {@code ERR CODE}. */
    static final class NutError extends IOException {
        final String code;

        NutError(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final int MAX_VARS = 10_000;
    /** Marks a value upsd sent unquoted or cut short: never a number, never flags. */
    static final String GARBLED = "\u0000";

    private final NutSensorType.Spec spec;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    NutClient(NutSensorType.Spec spec) {
        this.spec = spec;
    }

    /** Every variable of the UPS, from {@code LIST VAR}. */
    synchronized Map<String, String> variables() throws IOException {
        try {
            connect();
            String ups = spec.ups();
            send("LIST VAR " + ups);
            String line = answer("LIST VAR");
            if (!line.equals("BEGIN LIST VAR " + ups)) {
                throw new IOException("LIST VAR: unexpected answer: " + line);
            }
            Map<String, String> vars = new LinkedHashMap<>();
            String prefix = "VAR " + ups + " ";
            while (!(line = answer("LIST VAR")).equals("END LIST VAR " + ups)) {
                if (!line.startsWith(prefix) || vars.size() > MAX_VARS) {
                    throw new IOException("LIST VAR: unexpected line: " + line);
                }
                String rest = line.substring(prefix.length());
                int space = rest.indexOf(' ');
                if (space <= 0) {
                    throw new IOException("LIST VAR: unexpected line: " + line);
                }
                String raw = rest.substring(space + 1);
                String value;
                try {
                    value = unquote(raw);
                } catch (IOException e) {
                    // One truncated or unquoted value spoils that variable only, not the list.
                    value = GARBLED + raw;
                }
                vars.put(rest.substring(0, space), value);
            }
            return vars;
        } catch (NutError e) {
            throw e;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        int millis = (int) spec.timeout().toMillis();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(spec.host(), spec.port()), millis);
            s.setSoTimeout(millis);
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw new IOException("connect: " + describe(e), e);
        }
        socket = s;
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        out = s.getOutputStream();
        try {
            if (spec.starttls()) {
                send("STARTTLS");
                expectOk("STARTTLS");
                socket = NutTls.wrap(s, spec.host(), spec.port(), spec.caFile());
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                out = socket.getOutputStream();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        if (spec.username() != null) {
            try {
                String password = SecretFile.read("password_file", spec.passwordFile());
                send("USERNAME " + spec.username());
                expectOk("USERNAME");
                send("PASSWORD " + password);
                expectOk("PASSWORD");
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    private void expectOk(String command) throws IOException {
        String line = answer(command);
        if (!line.startsWith("OK")) {
            throw new IOException(command + ": unexpected answer: " + line);
        }
    }

    private void send(String command) throws IOException {
        out.write((command + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line; an {@code ERR} line is thrown as {@link NutError}. */
    private String answer(String command) throws IOException {
        String line;
        try {
            line = in.readLine();
        } catch (SocketTimeoutException e) {
            throw new IOException(command + ": no answer within " + spec.timeout().toMillis() + "ms", e);
        }
        if (line == null) {
            throw new IOException(command + ": connection closed by upsd");
        }
        if (line.startsWith("ERR ")) {
            String code = line.substring(4).strip();
            int space = code.indexOf(' ');
            throw new NutError(space < 0 ? code : code.substring(0, space), command + ": ERR " + code);
        }
        return line;
    }

    /** A NUT quoted value: {@code "..."} with {@code \"} and {@code \\} escapes. */
    static String unquote(String quoted) throws IOException {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            throw new IOException("not a quoted value: " + quoted);
        }
        StringBuilder b = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public synchronized void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release: the socket is gone either way; say so for the record.
            org.slf4j.LoggerFactory.getLogger(NutClient.class).debug("{}: closing: {}", spec.target(), e.getMessage());
        }
        socket = null;
        in = null;
        out = null;
    }
}
