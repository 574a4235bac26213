package org.vigie.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.shutdown.Keys;

/** {@code vigie keygen}: a pair openssl reads, a private key only its owner reads, no overwrite. */
class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAPairThatOpensslAndVigieReadAndRefusesToOverwriteIt() throws Exception {
        Path prefix = dir.resolve("room-b1");
        assertEquals(Main.OK, Main.execute("keygen", "--out", prefix.toString()));
        Path key = dir.resolve("room-b1.key");
        Path pub = dir.resolve("room-b1.pub");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        Keys.readPair(key);
        String before = Files.readString(key);
        assertEquals(Main.FAILURE, Main.execute("keygen", "--out", prefix.toString()));
        assertEquals(before, Files.readString(key), "an existing key is never overwritten");

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        assertEquals(0, openssl("pkey", "-in", key.toString(), "-noout"));
        assertEquals(0, openssl("pkey", "-pubin", "-in", pub.toString(), "-noout"));
    }

    private int openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "/usr/bin/openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
