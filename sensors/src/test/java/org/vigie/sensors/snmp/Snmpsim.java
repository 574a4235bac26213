package org.vigie.sensors.snmp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vigie.sensors.Peer;

/**
 * Debian's {@code snmpsimd} on 127.0.0.1 serving walks ({@code .snmprec}) from
 * {@code src/test/resources/snmpsim/}: each walk under the community of its name. As root it
 * runs as nobody, with a cache directory nobody can write.
 */
public final class Snmpsim implements AutoCloseable {

    private final Peer peer;
    private final int port;

    private final Path root;

    private Snmpsim(Peer peer, int port, Path root) {
        this.peer = peer;
        this.port = port;
        this.root = root;
    }

    /**
     * Serves {@code walks} (resource names without {@code .snmprec}) each under its own name, and
     * {@code copies} more communities, each a copy of the walk it maps to.
     */
    public static Snmpsim start(Path dir, List<String> walks, Map<String, String> copies)
            throws IOException, InterruptedException {
        Path bin = Peer.require("/usr/bin/snmpsimd", "snmpsim");
        // snmpsimd drops to nobody before it reads its data and writes its cache: a JUnit temp
        // directory (mode 700) is out of its reach, so both live in a directory of their own.
        Files.createDirectories(dir);
        Path root = Files.createTempDirectory("vigie-snmpsim");
        Path data = Files.createDirectories(root.resolve("data"));
        Path cache = Files.createDirectories(root.resolve("cache"));
        for (Path p : List.of(root, data, cache)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        for (String walk : walks) {
            copy(walk, data.resolve(walk + ".snmprec"));
        }
        for (Map.Entry<String, String> c : copies.entrySet()) {
            copy(c.getValue(), data.resolve(c.getKey() + ".snmprec"));
        }
        int port = Peer.freeUdpPort();
        Peer peer = Peer.start("snmpsimd", dir, Map.of(), List.of(bin.toString(), "--data-dir=" + data,
                "--agent-udpv4-endpoint=127.0.0.1:" + port, "--process-user=nobody", "--process-group=nogroup",
                "--cache-dir=" + cache));
        peer.awaitLog("Listening at UDP/IPv4 endpoint", Duration.ofSeconds(60));
        return new Snmpsim(peer, port, root);
    }

    private static void copy(String walk, Path to) throws IOException {
        try (InputStream in = Snmpsim.class.getResourceAsStream("/snmpsim/" + walk + ".snmprec")) {
            if (in == null) {
                throw new IOException("no walk snmpsim/" + walk + ".snmprec in the test resources");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return peer.log();
    }

    @Override
    public void close() throws InterruptedException {
        peer.close();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
