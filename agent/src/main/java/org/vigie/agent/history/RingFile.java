package org.vigie.agent.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One channel's history file, of a fixed size decided by the step and the retention (RRD-style):
 * a 64-byte header, a ring of per-minute buckets (min, max, mean as 32-bit floats) and a ring of
 * full-resolution slots (one 32-bit float per step; NaN is a gap). Slot {@code n} of a ring lives
 * at {@code n mod size}: the oldest is overwritten first, and the file never grows.
 */
final class RingFile implements AutoCloseable {
    static final int HEADER = 64;
    static final int MINUTE_BYTES = 12;
    private static final byte[] MAGIC = "VGHIST01".getBytes(StandardCharsets.US_ASCII);

    /** Where the rings stand; {@code -1} when nothing was ever written. */
    record Marks(long firstRaw, long lastRaw, long firstMinute, long lastMinute) {
        static final Marks NONE = new Marks(-1, -1, -1, -1);
    }

    /** The file is not one this store wrote with these settings. */
    static final class Damaged extends IOException {
        Damaged(String message) {
            super(message);
        }
    }

    private final FileChannel ch;
    final int stepMs;
    final int rawSlots;
    final int minuteSlots;

    private RingFile(FileChannel ch, int stepMs, int rawSlots, int minuteSlots) {
        this.ch = ch;
        this.stepMs = stepMs;
        this.rawSlots = rawSlots;
        this.minuteSlots = minuteSlots;
    }

    static long size(int rawSlots, int minuteSlots) {
        return HEADER + (long) minuteSlots * MINUTE_BYTES + (long) rawSlots * 4;
    }

    /** Opens an existing file and checks it matches; throws {@link Damaged} when it does not. */
    static RingFile open(Path file, int stepMs, int rawSlots, int minuteSlots) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        RingFile f = new RingFile(ch, stepMs, rawSlots, minuteSlots);
        try {
            if (ch.size() != size(rawSlots, minuteSlots)) {
                throw new Damaged("size " + ch.size() + " bytes, expected " + size(rawSlots, minuteSlots));
            }
            ByteBuffer h = f.read(0, HEADER);
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new Damaged("not a vigie history file");
            }
            if (h.getInt() != stepMs || h.getInt() != rawSlots || h.getInt() != minuteSlots) {
                throw new Damaged("written with another step or retention");
            }
            return f;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Creates (or overwrites) an empty file; it is sparse until written. */
    static RingFile create(Path file, int stepMs, int rawSlots, int minuteSlots) throws IOException {
        Files.deleteIfExists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        RingFile f = new RingFile(ch, stepMs, rawSlots, minuteSlots);
        try {
            ch.write(ByteBuffer.allocate(1), size(rawSlots, minuteSlots) - 1);
            f.writeMarks(Marks.NONE);
            return f;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    Marks marks() throws IOException {
        ByteBuffer h = read(24, 32);
        Marks m = new Marks(h.getLong(), h.getLong(), h.getLong(), h.getLong());
        boolean sane = m.firstRaw() <= m.lastRaw() && m.firstMinute() <= m.lastMinute()
                && (m.lastRaw() < 0) == (m.firstRaw() < 0) && (m.lastMinute() < 0) == (m.firstMinute() < 0);
        if (!sane) {
            throw new Damaged("inconsistent header");
        }
        return m;
    }

    void writeMarks(Marks m) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
        h.put(MAGIC).putInt(stepMs).putInt(rawSlots).putInt(minuteSlots).putInt(0);
        h.putLong(m.firstRaw()).putLong(m.lastRaw()).putLong(m.firstMinute()).putLong(m.lastMinute());
        write(0, h.rewind());
    }

    /** Writes consecutive raw slots starting at absolute slot {@code from}. */
    void writeRaw(long from, float[] values, int off, int len) throws IOException {
        ringWrite(from, len, rawSlots, 4, HEADER + (long) minuteSlots * MINUTE_BYTES,
                (buf, i) -> buf.putFloat(values[off + i]));
    }

    /** Writes consecutive minute buckets (three floats each) starting at absolute minute {@code from}. */
    void writeMinutes(long from, float[] triples, int off, int len) throws IOException {
        ringWrite(from, len, minuteSlots, MINUTE_BYTES, HEADER, (buf, i) -> {
            int k = (off + i) * 3;
            buf.putFloat(triples[k]).putFloat(triples[k + 1]).putFloat(triples[k + 2]);
        });
    }

    float[] readRaw(long from, int len) throws IOException {
        ByteBuffer b = ringRead(from, len, rawSlots, 4, HEADER + (long) minuteSlots * MINUTE_BYTES);
        float[] out = new float[len];
        b.asFloatBuffer().get(out);
        return out;
    }

    float[] readMinutes(long from, int len) throws IOException {
        ByteBuffer b = ringRead(from, len, minuteSlots, MINUTE_BYTES, HEADER);
        float[] out = new float[len * 3];
        b.asFloatBuffer().get(out);
        return out;
    }

    private interface Put {
        void put(ByteBuffer buf, int i);
    }

    private void ringWrite(long from, int len, int slots, int width, long base, Put put) throws IOException {
        int done = 0;
        while (done < len) {
            int pos = (int) Math.floorMod(from + done, (long) slots);
            int n = Math.min(len - done, slots - pos);
            ByteBuffer buf = ByteBuffer.allocate(n * width);
            for (int i = 0; i < n; i++) {
                put.put(buf, done + i);
            }
            write(base + (long) pos * width, buf.flip());
            done += n;
        }
    }

    private ByteBuffer ringRead(long from, int len, int slots, int width, long base) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(len * width);
        int done = 0;
        while (done < len) {
            int pos = (int) Math.floorMod(from + done, (long) slots);
            int n = Math.min(len - done, slots - pos);
            ByteBuffer part = read(base + (long) pos * width, n * width);
            out.put(part);
            done += n;
        }
        return out.flip();
    }

    private ByteBuffer read(long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new Damaged("truncated");
            }
        }
        return b.flip();
    }

    private void write(long at, ByteBuffer b) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
