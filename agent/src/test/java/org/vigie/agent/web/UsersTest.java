package org.vigie.agent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: salted PBKDF2 hashes, reread when changed; failed logins slowed per address. */
class UsersTest {
    @TempDir
    Path dir;

    @Test
    void hashesAreSaltedAndVerify() {
        String a = Users.hash("correct horse".toCharArray());
        String b = Users.hash("correct horse".toCharArray());
        assertNotEquals(a, b, "a random salt each time");
        assertTrue(a.startsWith("pbkdf2-sha256$210000$"));
        assertTrue(Users.verify("correct horse".toCharArray(), a));
        assertFalse(Users.verify("correct horsE".toCharArray(), a));
        assertFalse(Users.verify("x".toCharArray(), "pbkdf2-sha256$notanumber$AA$AA"));
    }

    @Test
    void theFileIsReadAgainWhenItChanges() throws Exception {
        Path f = dir.resolve("http.users");
        Files.writeString(f, "# people on call\nalice:" + Users.hash("correct horse".toCharArray()) + "\nbroken line\n");
        Users users = new Users(f);
        assertTrue(users.check("alice", "correct horse".toCharArray()));
        assertFalse(users.check("bob", "correct horse".toCharArray()));
        Files.writeString(f, "bob:" + Users.hash("battery staple".toCharArray()) + "\n");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertTrue(users.check("bob", "battery staple".toCharArray()));
        assertFalse(users.check("alice", "correct horse".toCharArray()), "alice was removed");
    }

    @Test
    void failedLoginsAreSlowedDownPerAddressAndForgottenOnSuccess() {
        Throttle t = new Throttle();
        long now = 1_000_000;
        for (int i = 0; i < Throttle.FREE; i++) {
            t.failed("10.0.0.9", now);
            assertEquals(0, t.waitMs("10.0.0.9", now), "the first " + Throttle.FREE + " are free");
        }
        t.failed("10.0.0.9", now);
        assertEquals(1000, t.waitMs("10.0.0.9", now));
        t.failed("10.0.0.9", now);
        assertEquals(2000, t.waitMs("10.0.0.9", now));
        for (int i = 0; i < 20; i++) {
            t.failed("10.0.0.9", now);
        }
        assertEquals(Throttle.MAX_WAIT_MS, t.waitMs("10.0.0.9", now));
        assertEquals(0, t.waitMs("10.0.0.7", now), "another address is not slowed");
        t.succeeded("10.0.0.9");
        assertEquals(0, t.waitMs("10.0.0.9", now));
    }
}
