package org.vigie.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real net-snmp {@code snmpd} on a free 127.0.0.1 UDP port serving the UPS-MIB subtree from a
 * values file, through a {@code pass_persist} script (asked on every GET; PEERS.md: {@code pass}
 * answers are cached 30 s). {@link #set} replaces the file atomically.
 */
final class Snmpd implements AutoCloseable {
    static final String COMMUNITY = "vigie-bench";

    private final Path dir;
    private final int port;
    private final Map<String, String> values = new TreeMap<>();
    private final Process process;

    private Snmpd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts snmpd with {@code initial} values ({@code OID -> "TYPE VALUE"}, OIDs without the leading dot). */
    static Snmpd start(Path dir, Map<String, String> initial) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("persist"));
        int port = freeUdpPort();
        // bash builtins only, so snmpd gets its answer without a process per request
        Files.writeString(dir.resolve("ups.sh"), String.join("\n",
                "#!/bin/bash",
                "values=\"" + dir.resolve("values") + "\"",
                "while IFS= read -r cmd; do",
                "  case \"$cmd\" in",
                "    PING) echo PONG ;;",
                "    get) IFS= read -r oid; found=",
                "         while read -r o t v; do",
                "           if [ \"$o\" = \"$oid\" ]; then printf '%s\\n%s\\n%s\\n' \"$o\" \"$t\" \"$v\"; found=1; break; fi",
                "         done < \"$values\"",
                "         [ -n \"$found\" ] || echo NONE ;;",
                "    getnext) IFS= read -r oid; echo NONE ;;",
                "    set) IFS= read -r oid; IFS= read -r val; echo not-writable ;;",
                "    *) echo NONE ;;",
                "  esac",
                "done",
                ""));
        Files.writeString(dir.resolve("snmpd.conf"), String.join("\n",
                "rocommunity " + COMMUNITY + " 127.0.0.1",
                "pass_persist .1.3.6.1.2.1.33 /bin/bash " + dir.resolve("ups.sh"),
                ""));
        Files.writeString(dir.resolve("community"), COMMUNITY + "\n");
        Snmpd placeholder = new Snmpd(dir, port, null);
        placeholder.values.putAll(initial);
        placeholder.write();
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c",
                dir.resolve("snmpd.conf").toString(), "-I", "-smux", "-p", dir.resolve("snmpd.pid").toString(),
                "udp:127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("snmpd.log").toFile());
        pb.environment().put("MIBS", "");
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        Process p = pb.start();
        Snmpd snmpd = new Snmpd(dir, port, p);
        snmpd.values.putAll(initial);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(dir.resolve("snmpd.log")).contains("NET-SNMP version")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                snmpd.close();
                throw new IOException("snmpd did not start; see " + dir.resolve("snmpd.log"));
            }
            Thread.sleep(20);
        }
        return snmpd;
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    Path communityFile() {
        return dir.resolve("community");
    }

    synchronized void set(String oid, String typeAndValue) throws IOException {
        values.put(oid, typeAndValue);
        write();
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((oid, v) -> text.append('.').append(oid).append(' ').append(v).append('\n'));
        Path tmp = dir.resolve("values.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, dir.resolve("values"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
