package org.vigie.sensors.modem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vigie.sensors.serial.SerialIo;

/**
 * The AT dialogue over one exchange on a serial line: a command, its information lines, its final
 * result. An echo of the command (before {@code ATE0} took effect) and blank lines are skipped.
 */
final class AtChannel {
    private static final int MAX_LINE = 512;

    private final SerialIo io;
    private final StringBuilder pending = new StringBuilder();
    private final byte[] buf = new byte[64];

    AtChannel(SerialIo io) {
        this.io = io;
    }

    /** Sends {@code command} and returns its information lines when the modem says {@code OK}. */
    List<String> command(String command, long timeoutNanos) throws IOException {
        write(command + "\r");
        return result(command, System.nanoTime() + timeoutNanos);
    }

    void write(String text) throws IOException {
        io.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads lines up to the final result of {@code command}. */
    List<String> result(String command, long deadline) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line(command, deadline);
            if (line.equals(command) || line.equals(command.trim())) {
                continue;
            }
            if (line.equals("OK")) {
                return lines;
            }
            if (isError(line)) {
                throw new AtException(command, line);
            }
            lines.add(line);
        }
    }

    /** Waits for the {@code > } prompt of {@code AT+CMGS}; an error instead is an {@link AtException}. */
    void prompt(String command, long deadline) throws IOException {
        while (true) {
            int skip = 0;
            while (skip < pending.length() && (pending.charAt(skip) == '\r' || pending.charAt(skip) == '\n')) {
                skip++;
            }
            pending.delete(0, skip);
            if (pending.length() > 0 && pending.charAt(0) == '>') {
                pending.delete(0, pending.length() > 1 && pending.charAt(1) == ' ' ? 2 : 1);
                return;
            }
            int end = terminator();
            if (end >= 0) {
                String line = pending.substring(0, end).trim();
                pending.delete(0, end + 1);
                if (isError(line)) {
                    throw new AtException(command, line);
                }
                continue;
            }
            fill(command, deadline, "no > prompt");
        }
    }

    private String line(String command, long deadline) throws IOException {
        while (true) {
            int end = terminator();
            if (end >= 0) {
                String line = pending.substring(0, end).trim();
                pending.delete(0, end + 1);
                if (!line.isEmpty()) {
                    return line;
                }
                continue;
            }
            if (pending.length() > MAX_LINE) {
                throw new IOException(command + ": answer line longer than " + MAX_LINE + " characters");
            }
            fill(command, deadline, "no answer");
        }
    }

    private void fill(String command, long deadline, String what) throws IOException {
        int n = io.read(buf, 0, buf.length, deadline);
        if (n == 0) {
            long ms = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime()));
            throw new IOException(command + ": " + what + (pending.length() > 0 ? " after '" + printable() + "'" : "")
                    + (ms > 0 ? "" : " in time"));
        }
        pending.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
    }

    private int terminator() {
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String printable() {
        return pending.toString().replace("\r", "\\r").replace("\n", "\\n");
    }

    static boolean isError(String line) {
        return line.equals("ERROR") || line.startsWith("+CME ERROR") || line.startsWith("+CMS ERROR")
                || line.equals("NO CARRIER");
    }
}
