package org.vigie.agent.recovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.RecoveryConfig;
import org.vigie.agent.mqtt.Errors;

/**
 * Carries out a group's wake on its own thread, never the engine's: Wake-on-LAN magic packets
 * ({@link #ROUNDS} rounds, {@link #GAP_MS} ms apart, as WoL tools do, since a single UDP datagram
 * may be lost), then each command (argv, no shell) with its timeout, its output logged.
 */
final class Waker implements AutoCloseable {
    static final int ROUNDS = 3;
    static final long GAP_MS = 300;
    private static final int MAX_OUTPUT_LINES = 20;
    private static final Logger log = LoggerFactory.getLogger(Waker.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigie-wake");
        t.setDaemon(true);
        return t;
    });

    /** Wakes {@code group}; {@code done} gets one line per way of waking, how it went. */
    void wake(String recovery, RecoveryConfig.Group group, Consumer<List<String>> done) {
        thread.execute(() -> done.accept(run(recovery, group)));
    }

    static List<String> run(String recovery, RecoveryConfig.Group group) {
        List<String> outcome = new ArrayList<>();
        List<RecoveryConfig.Wol> wol = group.wake().stream().filter(RecoveryConfig.Wol.class::isInstance)
                .map(RecoveryConfig.Wol.class::cast).toList();
        if (!wol.isEmpty()) {
            outcome.addAll(packets(recovery, group.id(), wol));
        }
        for (RecoveryConfig.Wake w : group.wake()) {
            if (w instanceof RecoveryConfig.Run run) {
                outcome.add(command(recovery, group.id(), run));
            }
        }
        return outcome;
    }

    private static List<String> packets(String recovery, String group, List<RecoveryConfig.Wol> wol) {
        int[] sent = new int[wol.size()];
        String[] failure = new String[wol.size()];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            for (int round = 0; round < ROUNDS; round++) {
                if (round > 0) {
                    Thread.sleep(GAP_MS);
                }
                for (int i = 0; i < wol.size(); i++) {
                    RecoveryConfig.Wol w = wol.get(i);
                    byte[] p = MagicPacket.of(w.mac());
                    try {
                        socket.send(new DatagramPacket(p, p.length, InetAddress.getByName(w.broadcast()), w.port()));
                        sent[i]++;
                    } catch (IOException e) {
                        failure[i] = Errors.describe(e);
                    }
                }
            }
        } catch (IOException e) {
            log.error("recovery {}: group {}: cannot open a UDP socket for Wake-on-LAN: {}", recovery, group, Errors.describe(e));
            return List.of("wol: cannot open a UDP socket: " + Errors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < wol.size(); i++) {
            String line = wol.get(i) + ": " + sent[i] + " of " + ROUNDS + " packets sent"
                    + (failure[i] == null ? "" : " (" + failure[i] + ")");
            if (failure[i] == null) {
                log.info("recovery {}: group {}: {}", recovery, group, line);
            } else {
                log.error("recovery {}: group {}: {}", recovery, group, line);
            }
            out.add(line);
        }
        return out;
    }

    private static String command(String recovery, String group, RecoveryConfig.Run run) {
        String name = run.command().get(0);
        Process p;
        try {
            p = new ProcessBuilder(run.command()).redirectErrorStream(true).start();
        } catch (IOException e) {
            log.error("recovery {}: group {}: cannot run {}: {}", recovery, group, name, Errors.describe(e));
            return name + ": cannot run: " + Errors.describe(e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            log.debug("recovery {}: group {}: {}: stdin not closed: {}", recovery, group, name, Errors.describe(e));
        }
        Thread reader = new Thread(() -> output(recovery, group, name, p), "vigie-wake-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(run.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                log.error("recovery {}: group {}: {} still running after {} ms; killed", recovery, group, name,
                        run.timeout().toMillis());
                return name + ": killed after " + run.timeout().toMillis() + " ms";
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return name + ": interrupted";
        }
        int code = p.exitValue();
        if (code == 0) {
            log.info("recovery {}: group {}: {} exited 0", recovery, group, name);
        } else {
            log.error("recovery {}: group {}: {} exited {}", recovery, group, name, code);
        }
        return name + ": exit " + code;
    }

    private static void output(String recovery, String group, String name, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                if (n++ < MAX_OUTPUT_LINES) {
                    log.info("recovery {}: group {}: {}: {}", recovery, group, name, line);
                }
            }
            if (n > MAX_OUTPUT_LINES) {
                log.info("recovery {}: group {}: {}: ({} more lines not logged)", recovery, group, name, n - MAX_OUTPUT_LINES);
            }
        } catch (IOException e) {
            log.warn("recovery {}: group {}: {}: output not read: {}", recovery, group, name, Errors.describe(e));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
