package org.vigie.agent.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as an orderly stop that exits 0 (a JVM shutdown hook alone exits 143). A
 * second signal, or a stop that takes longer than 5 s, ends the process at once.
 */
final class Signals {
    private static final long LIMIT_MS = 4500;

    private Signals() {
    }

    /** Runs {@code stop} on SIGTERM or SIGINT; the latch opens once it has run. */
    static java.util.concurrent.CountDownLatch onTerminate(Runnable stop) {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        register(() -> {
            stop.run();
            stopped.countDown();
        });
        return stopped;
    }

    /** Blocks until the latch opens (the process then exits from the signal handler). */
    static void await(java.util.concurrent.CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void register(Runnable stop) {
        Thread[] stopping = new Thread[1];
        Runnable handler = () -> {
            synchronized (stopping) {
                if (stopping[0] != null) {
                    Runtime.getRuntime().halt(0);
                }
                stopping[0] = new Thread(() -> {
                    stop.run();
                    System.exit(0);
                }, "vigie-stop");
                stopping[0].start();
            }
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(LIMIT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(0);
            }, "vigie-stop-limit");
            watchdog.setDaemon(true);
            watchdog.start();
        };
        Signal.handle(new Signal("TERM"), s -> handler.run());
        Signal.handle(new Signal("INT"), s -> handler.run());
    }
}
