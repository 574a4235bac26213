package org.vigie.sensors.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigie.sensors.Peer;

/**
 * A real net-snmp {@code snmpd} on 127.0.0.1 serving the UPS-MIB subtree from a values file
 * through a {@code pass_persist} script (asked on every request, unlike {@code pass}, whose
 * answers are cached for 30 s). The test changes values with {@link #set}.
 */
final class Snmpd implements AutoCloseable {

    static final String COMMUNITY = "vigie-test-community";
    static final String USER = "vigie";
    static final String AUTH = "auth-pass-123";
    static final String PRIV = "priv-pass-456";
    static final String USER256 = "vigie256";
    static final String AUTH256 = "auth256-pass-1";
    static final String PRIV256 = "priv256-pass-1";
    static final String USER_NOPRIV = "vigieauth";

    private final Path dir;
    private final int port;
    private final Map<String, String> values = new TreeMap<>();
    private Peer peer;

    Snmpd(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        Files.createDirectories(dir.resolve("persist"));
        Files.writeString(dir.resolve("ups.sh"), """
                #!/bin/bash
                # pass_persist for snmpd: answers GETs from the values file, "OID TYPE VALUE" a line
                values="%s"
                while IFS= read -r cmd; do
                  case "$cmd" in
                    PING) echo PONG ;;
                    get) IFS= read -r oid; found=
                         # bash builtins only: no process per request, so snmpd answers in a few ms
                         while read -r o t v; do
                           if [ "$o" = "$oid" ]; then printf '%%s\\n%%s\\n%%s\\n' "$o" "$t" "$v"; found=1; break; fi
                         done < "$values"
                         [ -n "$found" ] || echo NONE ;;
                    getnext) IFS= read -r oid; echo NONE ;;
                    set) IFS= read -r oid; IFS= read -r val; echo not-writable ;;
                    *) echo NONE ;;
                  esac
                done
                """.formatted(dir.resolve("values")));
        Files.writeString(dir.resolve("snmpd.conf"), """
                rocommunity %s 127.0.0.1
                rocommunity6 %1$s ::1
                createUser %s SHA "%s" AES "%s"
                createUser %s SHA-256 "%s" AES "%s"
                createUser %s SHA "%s"
                rouser %s priv
                rouser %s priv
                rouser %s auth
                pass_persist .1.3.6.1.2.1.33 /bin/bash %s
                """.formatted(COMMUNITY, USER, AUTH, PRIV, USER256, AUTH256, PRIV256, USER_NOPRIV, AUTH,
                USER, USER256, USER_NOPRIV, dir.resolve("ups.sh")));
        write();
    }

    int port() {
        return port;
    }

    /** Sets {@code oid} (numeric, no leading dot) to {@code value} of pass type {@code type} (integer, gauge, string…). */
    synchronized Snmpd set(String oid, String type, String value) throws IOException {
        values.put("." + oid, type + " " + value);
        write();
        return this;
    }

    synchronized Snmpd remove(String oid) throws IOException {
        values.remove("." + oid);
        write();
        return this;
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((oid, v) -> text.append(oid).append(' ').append(v).append('\n'));
        Path tmp = dir.resolve("values.tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("values"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<String, String> env(Path dir) {
        return Map.of("MIBS", "", "SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
    }

    Snmpd start() throws IOException, InterruptedException {
        Path snmpd = Peer.require("/usr/sbin/snmpd", "snmpd");
        peer = Peer.start("snmpd", dir, env(dir), List.of(snmpd.toString(), "-f", "-Lo", "-C",
                "-c", dir.resolve("snmpd.conf").toString(), "-I", "-smux", "-p", dir.resolve("snmpd.pid").toString(),
                "udp:127.0.0.1:" + port + (Peer.hasIpv6Loopback() ? ",udp6:[::1]:" + port : "")));
        peer.awaitLog("NET-SNMP version", Duration.ofSeconds(10));
        return this;
    }

    void stop() throws InterruptedException {
        if (peer != null) {
            peer.close();
            peer = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
