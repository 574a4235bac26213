package org.vigie.agent.demo;

import java.io.PrintStream;
import java.util.PriorityQueue;

/**
 * Prints the demo's timeline in the order things happened, not the order they arrived. Messages
 * come on different topics through different paths (an alarm event is written to the journal
 * before it is published; a shutdown command goes out at once), so a later step can arrive first.
 * Each line waits a short reorder window and is printed in the order of its own timestamp.
 */
final class Timeline implements AutoCloseable {
    /** Far longer than the journal's write before an event goes out; short enough to feel live. */
    static final long WINDOW_MS = 600;

    private record Line(long at, long seq, long arrivedNanos, String text) {
    }

    private final PrintStream out;
    private final ScenarioTime time;
    private final PriorityQueue<Line> waiting = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Thread printer;
    private long seq;
    private volatile boolean closed;

    Timeline(PrintStream out, ScenarioTime time) {
        this.out = out;
        this.time = time;
        this.printer = new Thread(this::run, "vigie-demo-timeline");
        printer.setDaemon(true);
        printer.start();
    }

    /** A line about something that happened at {@code epochMillis}; printed as {@code "  mm:ss  " + text}. */
    synchronized void add(long epochMillis, String text) {
        waiting.add(new Line(epochMillis, seq++, System.nanoTime(), text));
    }

    private void run() {
        while (!closed) {
            print(System.nanoTime() - WINDOW_MS * 1_000_000);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Prints, in order, every line that arrived before {@code arrivedBefore} and what sorts before it. */
    private synchronized void print(long arrivedBefore) {
        long cut = Long.MIN_VALUE;
        for (Line l : waiting) {
            if (l.arrivedNanos <= arrivedBefore) {
                cut = Math.max(cut, l.at);
            }
        }
        while (!waiting.isEmpty() && waiting.peek().at <= cut) {
            Line l = waiting.poll();
            out.println("  " + time.clock(l.at) + "  " + l.text);
        }
    }

    /** Prints everything still waiting. */
    void flush() {
        print(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        closed = true;
        printer.interrupt();
        flush();
    }
}
