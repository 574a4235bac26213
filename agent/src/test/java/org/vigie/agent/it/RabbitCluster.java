package org.vigie.agent.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real RabbitMQ cluster with the MQTT plugin on 127.0.0.1: every node with its own name, ports,
 * data and log directories (Debian's own node untouched), {@code mqtt.durable_queue_type = quorum}
 * set before the first start, joined into one cluster. Node names carry a random tag, so clusters
 * of tests running side by side on one machine (one epmd) never meet. {@link #close()} kills every
 * node.
 */
public final class RabbitCluster implements AutoCloseable {
    static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

    private final Path dir;
    private final String tag;
    private final int[] mqtt;
    private final int[] amqp;
    private final int[] dist;
    private final Process[] nodes;

    private RabbitCluster(Path dir, int size) throws IOException {
        this.dir = dir;
        this.tag = "vigie" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
        this.mqtt = new int[size];
        this.amqp = new int[size];
        this.dist = new int[size];
        this.nodes = new Process[size];
        for (int i = 0; i < size; i++) {
            mqtt[i] = Mosquitto.freePort();
            amqp[i] = Mosquitto.freePort();
            dist[i] = Mosquitto.freePort();
        }
    }

    /** Starts {@code size} nodes and joins them; tens of seconds on a busy machine. */
    public static RabbitCluster start(Path dir, int size) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SERVER) && Files.isExecutable(CTL),
                "rabbitmq-server is not installed (apt-get install rabbitmq-server); .ci/run installs it");
        RabbitCluster c = new RabbitCluster(dir, size);
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path cookie = home.resolve(".erlang.cookie");
        Files.writeString(cookie, c.tag.toUpperCase(Locale.ROOT) + "COOKIE");
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        try {
            for (int i = 0; i < size; i++) {
                c.launch(i);
            }
            for (int i = 0; i < size; i++) {
                c.awaitNode(i);
            }
            for (int i = 1; i < size; i++) {
                c.ctl(i, "stop_app");
                c.ctl(i, "join_cluster", c.node(0));
                c.ctl(i, "start_app");
            }
            for (int i = 0; i < size; i++) {
                c.awaitMqtt(i);
            }
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    public String node(int i) {
        return tag + "n" + (i + 1) + "@localhost";
    }

    public String url(int i) {
        return "tcp://127.0.0.1:" + mqtt[i];
    }

    public int size() {
        return nodes.length;
    }

    private void launch(int i) throws IOException {
        Path n = dir.resolve("n" + (i + 1));
        Files.createDirectories(n);
        Files.writeString(n.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.default = " + amqp[i],
                "mqtt.listeners.tcp.default = " + mqtt[i],
                "mqtt.durable_queue_type = quorum",
                "mqtt.allow_anonymous = true",
                "loopback_users = none",
                "log.file.level = info",
                ""));
        ProcessBuilder pb = new ProcessBuilder(SERVER.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(n.resolve("stdout.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.resolve("home").toString());
        env.put("RABBITMQ_NODENAME", node(i));
        env.put("RABBITMQ_NODE_PORT", String.valueOf(amqp[i]));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(dist[i]));
        env.put("RABBITMQ_MNESIA_BASE", n.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", n.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", n.resolve("pid").toString());
        env.put("RABBITMQ_CONFIG_FILE", n.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", n.resolve("advanced.config").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS", "rabbitmq_mqtt");
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", n.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", n.resolve("rabbitmq-env.conf").toString());
        nodes[i] = pb.start();
    }

    private void awaitNode(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!nodes[i].isAlive()) {
                throw new IOException(node(i) + " exited with " + nodes[i].exitValue() + "; see " + dir);
            }
            if (ctlQuiet(i, "await_startup", "--timeout", "20") == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IOException(node(i) + " did not start within 180 s; see " + dir);
    }

    private void awaitMqtt(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), mqtt[i])) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException(node(i) + ": MQTT does not listen on " + mqtt[i] + " within 60 s; see " + dir);
    }

    /** Runs rabbitmqctl against node {@code i}; fails when it does. */
    public String ctl(int i, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CTL.toString(), "-n", node(i)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("rabbitmqctl " + String.join(" ", args) + " on " + node(i) + ": " + out);
        }
        return out;
    }

    private int ctlQuiet(int i, String... args) throws Exception {
        try {
            ctl(i, args);
            return 0;
        } catch (IOException e) {
            return 1;
        }
    }

    /** SIGKILL of node {@code i}'s Erlang VM, as a crash: its clients' wills are never sent. */
    public void kill(int i) throws Exception {
        Path pidFile = dir.resolve("n" + (i + 1)).resolve("pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (nodes[i] != null) {
            nodes[i].descendants().forEach(ProcessHandle::destroyForcibly);
            nodes[i].destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            nodes[i] = null;
        }
    }

    /** Starts node {@code i} again with its data: it rejoins the cluster by itself. */
    public void restart(int i) throws Exception {
        kill(i);
        launch(i);
        awaitNode(i);
        awaitMqtt(i);
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < nodes.length; i++) {
            kill(i);
        }
    }
}
