package org.vigie.agent.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;

/**
 * systemd's {@code Type=notify} and {@code WatchdogSec}: {@code READY=1} once the sensors are
 * started, then {@code WATCHDOG=1} at half the watchdog interval, but only while the engine loop
 * has turned recently. A stuck loop stops the pings and systemd restarts the agent. Messages go
 * through {@code systemd-notify --pid=<agent>} (the JDK has no Unix datagram sockets), which
 * needs {@code NotifyAccess=all} in the unit.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    /** The engine loop turns every 100 ms; silent for this long, it is stuck. */
    static final Duration STUCK = Duration.ofSeconds(5);

    /** Sends one notification; tests replace it. */
    interface Notifier {
        void send(String state) throws IOException;
    }

    private final Notifier notifier;
    private final LongSupplier lastLoopNanos;
    private final Duration interval;
    private Thread pinger;
    private volatile boolean stuckReported;

    Watchdog(Notifier notifier, LongSupplier lastLoopNanos, Duration interval) {
        this.notifier = notifier;
        this.lastLoopNanos = lastLoopNanos;
        this.interval = interval;
    }

    /** The watchdog systemd asked for, or {@code null} when not run by systemd with {@code Type=notify}. */
    static Watchdog fromEnvironment(Map<String, String> env, LongSupplier lastLoopNanos) {
        if (env.get("NOTIFY_SOCKET") == null) {
            return null;
        }
        Duration interval = null;
        String usec = env.get("WATCHDOG_USEC");
        if (usec != null && usec.matches("\\d+")) {
            interval = Duration.ofNanos(Long.parseLong(usec) * 1000);
        }
        long pid = ProcessHandle.current().pid();
        Notifier n = state -> {
            Process p = new ProcessBuilder(List.of("systemd-notify", "--pid=" + pid, state))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("systemd-notify " + state + " failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return new Watchdog(n, lastLoopNanos, interval);
    }

    /** Reports ready, and starts pinging when systemd asked for a watchdog. */
    void ready() {
        send("READY=1");
        if (interval == null) {
            return;
        }
        pinger = new Thread(this::pingLoop, "vigie-watchdog");
        pinger.setDaemon(true);
        pinger.start();
        log.info("systemd watchdog: pinging every {} ms while the engine loop is alive", interval.toMillis() / 2);
    }

    private void pingLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            pingIfAlive(System.nanoTime());
            try {
                Thread.sleep(Math.max(100, interval.toMillis() / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One ping, if the engine loop turned within {@link #STUCK}; returns whether it pinged. */
    boolean pingIfAlive(long nowNanos) {
        long silent = nowNanos - lastLoopNanos.getAsLong();
        if (silent > STUCK.toNanos()) {
            if (!stuckReported) {
                log.error("engine loop silent for {} ms: no more watchdog pings; systemd will restart the agent",
                        silent / 1_000_000);
                stuckReported = true;
            }
            return false;
        }
        stuckReported = false;
        send("WATCHDOG=1");
        return true;
    }

    private void send(String state) {
        try {
            notifier.send(state);
        } catch (IOException e) {
            log.warn("systemd notify {}: {}", state, Errors.describe(e));
        }
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.interrupt();
        }
        send("STOPPING=1");
    }
}
