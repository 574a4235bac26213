package org.vigie.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's package on this machine, as root, with no systemd running: install, the user,
 * the polkit rule, a real configuration checked with the installed launcher, the conflict with
 * the agent's package, purge. The test leaves the machine as it found it.
 */
class ListenerPackageIT {
    private static final String CONF = "/etc/vigie/listener.yaml";
    private static final String UNIT = "/lib/systemd/system/vigie-listen.service";
    private static final String RULE = "/usr/share/polkit-1/rules.d/50-vigie-listen.rules";

    private String before;

    @BeforeEach
    void cleanMachine() {
        Host.assumeRootWithDpkg();
        assumeTrue(Host.status("vigie").isEmpty() && Host.status("vigie-listen").isEmpty()
                        && Host.run("getent", "passwd", "vigie-listen").rc() != 0 && !Host.exists("/etc/vigie"),
                "this machine already has vigie (package, user or /etc/vigie): the test would not leave it as it was");
        before = Host.footprint();
    }

    @AfterEach
    void leaveAsFound() {
        if (before != null) {
            Host.restore(false);
            assertEquals(before, Host.footprint(), "the machine after the test");
        }
    }

    @Test
    void installConfigureConflictPurge() throws Exception {
        Host.dpkg("-i", Host.deb("vigie-listen").toString()).ok();
        assertEquals("install ok installed", Host.status("vigie-listen"));

        String[] pw = Host.run("getent", "passwd", "vigie-listen").ok().out().strip().split(":");
        assertTrue(Integer.parseInt(pw[2]) < 1000, "a system uid: " + pw[2]);
        assertEquals("/usr/sbin/nologin", pw[6]);
        assertEquals("vigie-listen", Host.run("id", "-nG", "vigie-listen").ok().out().strip(), "its own group only");
        assertEquals("755 root:root", Host.stat("/usr/bin/vigie"));
        assertEquals("644 root:root", Host.stat("/usr/share/vigie/vigie.jar"));
        assertEquals("640 root:vigie-listen", Host.stat(CONF));
        assertEquals("700 vigie-listen:vigie-listen", Host.stat("/var/lib/vigie-listener"));
        assertEquals("644 root:root", Host.stat(RULE));
        assertEquals("644 root:root", Host.stat(UNIT));
        Host.run("systemd-analyze", "verify", UNIT).ok();
        assertEquals(UNIT, Host.run("readlink",
                "/etc/systemd/system/multi-user.target.wants/vigie-listen.service").ok().out().strip(), "enabled");
        assertNotEquals(0, Host.run("pgrep", "-f", "/usr/share/vigie/vigie.jar").rc(), "no listener runs");

        // A real configuration with a key made by the installed launcher passes vigie check.
        Host.run("install", "-d", "-m", "0750", "-o", "root", "-g", "vigie-listen", "/etc/vigie/keys").ok();
        Host.run("vigie", "keygen", "--out", "/tmp/vigie-pkg-test-room").ok();
        Host.run("install", "-m", "0644", "/tmp/vigie-pkg-test-room.pub", "/etc/vigie/keys/room.pub").ok();
        Host.run("rm", "-f", "/tmp/vigie-pkg-test-room.pub", "/tmp/vigie-pkg-test-room.key");
        Files.writeString(Path.of(CONF), "site: clichy-dc1\nhost: db1\nmqtt: {urls: [tcp://127.0.0.1:1883]}\n"
                + "groups: [rack-a-db]\ntrusted_keys: [/etc/vigie/keys/room.pub]\n"
                + "command: [\"/usr/bin/systemctl\", \"poweroff\"]\ndry_run: true\n");
        Host.run("vigie", "check", "--config", CONF).ok();

        // The agent's package conflicts: dpkg refuses it and the listener stays as it was.
        Host.Result both = Host.dpkg("-i", Host.deb("vigie").toString());
        assertNotEquals(0, both.rc());
        assertTrue(both.out().contains("conflicting packages - not installing vigie"), both.out());
        assertEquals("install ok installed", Host.status("vigie-listen"));
        assertEquals("", Host.status("vigie"));
        Host.run("vigie", "check", "--config", CONF).ok();

        // Purge: configuration and state go; the keys the administrator copied stay; so does the user.
        Host.Result purge = Host.dpkg("-P", "vigie-listen").ok();
        assertTrue(purge.out().contains("/etc/vigie/keys is kept"), purge.out());
        for (String gone : List.of(CONF, "/var/lib/vigie-listener", RULE, "/usr/bin/vigie",
                "/etc/systemd/system/multi-user.target.wants/vigie-listen.service")) {
            assertFalse(Host.exists(gone), gone + " after purge");
        }
        assertTrue(Host.exists("/etc/vigie/keys/room.pub"));
        assertEquals(0, Host.run("getent", "passwd", "vigie-listen").rc(), "the user stays after purge");
    }

    @Test
    void thePolkitRuleAllowsPowerOffToTheListenerOnly() {
        // polkit evaluates .rules files as JavaScript; node runs the packaged file the same way.
        assumeTrue(Host.run("sh", "-c", "command -v node").rc() == 0, "optional: node runs the polkit rule");
        String rule = Path.of(System.getProperty("systemd.dir", "../systemd"), "vigie-listen.rules").toString();
        String js = "const fs = require('fs'); const rules = [];"
                + "const polkit = {Result: {YES: 'yes'}, addRule: f => rules.push(f)};"
                + "eval(fs.readFileSync(process.argv[1], 'utf8'));"
                + "const ask = (user, id) => rules.map(r => r({id}, {user})).find(x => x !== undefined) || 'no';"
                + "console.log([ask('vigie-listen', 'org.freedesktop.login1.power-off'),"
                + " ask('vigie-listen', 'org.freedesktop.login1.power-off-multiple-sessions'),"
                + " ask('vigie-listen', 'org.freedesktop.login1.power-off-ignore-inhibit'),"
                + " ask('vigie-listen', 'org.freedesktop.login1.reboot'),"
                + " ask('vigie-listen', 'org.freedesktop.systemd1.manage-units'),"
                + " ask('alice', 'org.freedesktop.login1.power-off')].join(' '));";
        assertEquals("yes yes yes no no no", Host.run("node", "-e", js, rule).ok().out().strip());
    }
}
