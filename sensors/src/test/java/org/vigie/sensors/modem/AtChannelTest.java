package org.vigie.sensors.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigie.sensors.serial.LineSettings;
import org.vigie.sensors.serial.Parity;
import org.vigie.sensors.serial.SerialIo;

/** The AT line discipline on an in-memory line: each write is answered with the next scripted bytes. */
class AtChannelTest {

    /** A modem that answers each write with the next reply, byte by byte as a slow line would. */
    static final class ScriptedLine implements SerialIo {
        final Deque<String> replies = new ArrayDeque<>();
        final StringBuilder written = new StringBuilder();
        private final Deque<Byte> pending = new ArrayDeque<>();

        ScriptedLine(String... replies) {
            this.replies.addAll(List.of(replies));
        }

        @Override
        public LineSettings line() {
            return new LineSettings(115_200, Parity.NONE, 1);
        }

        @Override
        public void write(byte[] data) {
            written.append(new String(data, StandardCharsets.ISO_8859_1));
            if (!replies.isEmpty()) {
                for (byte b : replies.removeFirst().getBytes(StandardCharsets.ISO_8859_1)) {
                    pending.addLast(b);
                }
            }
        }

        @Override
        public int read(byte[] buf, int off, int len, long deadlineNanos) {
            if (pending.isEmpty()) {
                return 0;
            }
            buf[off] = pending.removeFirst();
            return 1;
        }

        @Override
        public int discardInput() {
            int n = pending.size();
            pending.clear();
            return n;
        }

        @Override
        public void awaitSilence(long silenceNanos) {
        }
    }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void anEchoAndBlankLinesAreSkippedAndInformationLinesKept() throws IOException {
        ScriptedLine line = new ScriptedLine("AT+CSQ\r\r\n+CSQ: 17,0\r\n\r\nOK\r\n");
        assertEquals(List.of("+CSQ: 17,0"), new AtChannel(line).command("AT+CSQ", SECOND));
        assertEquals("AT+CSQ\r", line.written.toString());
    }

    @Test
    void errorsCarryTheirCode() {
        AtException e = assertThrows(AtException.class,
                () -> new AtChannel(new ScriptedLine("\r\n+CME ERROR: 10\r\n")).command("AT+CPIN?", SECOND));
        assertEquals("AT+CPIN?: +CME ERROR: 10", e.getMessage());
        assertEquals("+CME ERROR: 10", e.result());
    }

    @Test
    void thePromptOfCmgsIsSeenWithoutALineEnd() throws IOException {
        ScriptedLine line = new ScriptedLine("\r\n> ", "\r\n+CMGS: 42\r\n\r\nOK\r\n");
        AtChannel at = new AtChannel(line);
        at.write("AT+CMGS=\"+33600000001\"\r");
        at.prompt("AT+CMGS", System.nanoTime() + SECOND);
        at.write("hello\u001a");
        assertEquals(List.of("+CMGS: 42"), at.result("AT+CMGS", System.nanoTime() + SECOND));
    }

    @Test
    void aCmsErrorInsteadOfThePromptIsAnError() {
        AtChannel at = new AtChannel(new ScriptedLine("\r\n+CMS ERROR: 330\r\n"));
        AtException e = assertThrows(AtException.class, () -> {
            at.write("AT+CMGS=\"+1\"\r");
            at.prompt("AT+CMGS", System.nanoTime() + SECOND);
        });
        assertEquals("+CMS ERROR: 330", e.result());
    }

    @Test
    void silenceIsATimeoutNamingTheCommandAndWhatCameSoFar() {
        IOException e = assertThrows(IOException.class,
                () -> new AtChannel(new ScriptedLine("\r\n+CREG: 0,")).command("AT+CREG?", 0));
        assertEquals("AT+CREG?: no answer after '+CREG: 0,' in time", e.getMessage());
    }
}
