package org.vigie.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's package on this machine, as root, with no systemd running (as CI runs): install,
 * upgrade over an edited configuration, remove, purge, and installing over the manual install
 * of earlier READMEs. Each test leaves the machine as it found it.
 */
class AgentPackageIT {
    private static final String CONF = "/etc/vigie/agent.yaml";
    private static final String UNIT = "/lib/systemd/system/vigie-agent.service";

    private String before;
    private boolean gpioCreated;

    @BeforeEach
    void cleanMachine() {
        Host.assumeRootWithDpkg();
        assumeTrue(Host.status("vigie").isEmpty() && Host.status("vigie-listen").isEmpty()
                        && Host.run("getent", "passwd", "vigie").rc() != 0 && !Host.exists("/etc/vigie"),
                "this machine already has vigie (package, user or /etc/vigie): the test would not leave it as it was");
        before = Host.footprint();
        // Raspberry Pi OS has a gpio group; make one so that joining an existing group is tested too.
        gpioCreated = Host.run("getent", "group", "gpio").rc() != 0;
        if (gpioCreated) {
            Host.run("groupadd", "--system", "gpio").ok();
        }
    }

    @AfterEach
    void leaveAsFound() {
        if (before != null) {
            Host.restore(gpioCreated);
            assertEquals(before, Host.footprint(), "the machine after the test");
        }
    }

    @Test
    void installUpgradeRemovePurge(@TempDir Path tmp) throws Exception {
        Host.dpkg("-i", Host.deb("vigie").toString()).ok();
        assertEquals("install ok installed", Host.status("vigie"));

        // The user: a system account, no shell, in the groups this machine has and no others.
        String[] pw = Host.run("getent", "passwd", "vigie").ok().out().strip().split(":");
        assertTrue(Integer.parseInt(pw[2]) < 1000, "a system uid: " + pw[2]);
        assertEquals("/var/lib/vigie", pw[5]);
        assertEquals("/usr/sbin/nologin", pw[6]);
        Set<String> groups = Set.of(Host.run("id", "-nG", "vigie").ok().out().strip().split(" "));
        assertTrue(groups.containsAll(List.of("vigie", "gpio", "dialout")), "groups: " + groups);
        boolean i2c = Host.run("getent", "group", "i2c").rc() == 0;
        assertEquals(i2c, groups.contains("i2c"), "i2c joined only where it exists: " + groups);

        // Files, owners and modes.
        assertEquals("755 root:root", Host.stat("/usr/bin/vigie"));
        assertEquals("644 root:root", Host.stat("/usr/share/vigie/vigie.jar"));
        assertEquals("640 root:vigie", Host.stat(CONF));
        assertEquals("750 vigie:vigie", Host.stat("/var/lib/vigie"));
        assertEquals("644 root:root", Host.stat(UNIT));
        assertEquals("644 root:root", Host.stat("/lib/udev/rules.d/60-vigie-gpio.rules"));
        assertEquals("644 root:root", Host.stat("/usr/share/doc/vigie/copyright"));
        Host.run("gzip", "-t", "/usr/share/doc/vigie/changelog.gz").ok();
        assertTrue(Host.run("dpkg-query", "-W", "-f=${Conffiles}", "vigie").ok().out().contains(CONF));
        assertEquals(UNIT, Host.run("readlink",
                "/etc/systemd/system/multi-user.target.wants/vigie-agent.service").ok().out().strip(), "enabled");

        // The launcher, the example configuration, the unit, the class-data sharing archive.
        assertEquals("vigie " + System.getProperty("project.version", ""),
                Host.run("vigie", "--version").ok().out().strip());
        Host.run("vigie", "check", "--config", CONF).ok();
        Host.run("systemd-analyze", "verify", UNIT).ok();
        assertEquals("644 root:root", Host.stat("/var/cache/vigie-cds/vigie.jsa"));
        Host.run("java", "-Xshare:on", "-XX:SharedArchiveFile=/var/cache/vigie-cds/vigie.jsa", "-XX:+UseSerialGC",
                "-jar", "/usr/share/vigie/vigie.jar", "--version").ok();

        // Nothing started it, and its start condition holds it back while the file is the example.
        assertNotEquals(0, Host.run("pgrep", "-f", "/usr/share/vigie/vigie.jar").rc(), "no agent runs");
        assertEquals(1, startCondition().rc(), "the unit skips its start with the example configuration");

        // The user configures it; an upgrade keeps the edit.
        String edited = Files.readString(Path.of(CONF)).replace("agent: room-1", "agent: room-b1") + "# edited\n";
        Files.writeString(Path.of(CONF), edited);
        assertEquals(0, startCondition().rc(), "the unit starts with the user's configuration");
        Path newer = higherVersion(tmp);
        Host.dpkg("-i", newer.toString()).ok();
        assertTrue(Host.run("dpkg-query", "-W", "-f=${Version}", "vigie").ok().out().endsWith("+1"));
        assertEquals(edited, Files.readString(Path.of(CONF)), "the upgrade kept the edited configuration");
        assertEquals("640 root:vigie", Host.stat(CONF));
        assertFalse(Host.exists(CONF + ".dpkg-dist") || Host.exists(CONF + ".dpkg-new"));
        Host.run("vigie", "check", "--config", CONF).ok();

        // Remove: the program goes, configuration and state stay, the unit is masked.
        Files.writeString(Path.of("/var/lib/vigie/journal-marker"), "state\n");
        Host.dpkg("-r", "vigie").ok();
        assertEquals("deinstall ok config-files", Host.status("vigie"));
        assertFalse(Host.exists("/usr/bin/vigie") || Host.exists(UNIT));
        assertEquals(edited, Files.readString(Path.of(CONF)));
        assertTrue(Host.exists("/var/lib/vigie/journal-marker"));
        assertEquals("/dev/null", Host.run("readlink", "/etc/systemd/system/vigie-agent.service").ok().out().strip());

        // Purge: configuration, state, caches and systemd's links go; the user stays.
        Host.dpkg("-P", "vigie").ok();
        assertEquals("", Host.status("vigie"));
        for (String gone : List.of("/etc/vigie", "/var/lib/vigie", "/var/cache/vigie-cds",
                "/etc/systemd/system/vigie-agent.service",
                "/etc/systemd/system/multi-user.target.wants/vigie-agent.service")) {
            assertFalse(Host.exists(gone), gone + " after purge");
        }
        assertEquals("", Host.sh("ls /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked"
                + " 2>/dev/null | grep vigie; true").out());
        assertEquals(0, Host.run("getent", "passwd", "vigie").rc(), "the user stays after purge, as Debian does");
    }

    @Test
    void installOverTheManualInstallKeepsTheUsersConfiguration() throws Exception {
        // The manual steps of the README before the packages: user, jar in /opt, config, unit in /etc.
        Host.run("useradd", "--system", "--home", "/var/lib/vigie", "--shell", "/usr/sbin/nologin", "vigie").ok();
        String uid = Host.run("id", "-u", "vigie").ok().out().strip();
        Host.run("install", "-D", "-m", "0644", "/dev/null", "/opt/vigie/vigie.jar").ok();
        Host.run("install", "-d", "-m", "0750", "-o", "root", "-g", "vigie", "/etc/vigie").ok();
        String mine = "site: clichy-dc1\nagent: room-b1\nmqtt: {urls: [tcp://10.0.0.5:1883]}\n"
                + "sensors:\n  - {id: pi, type: host}\nrules:\n  - {id: pi-hot, sensor: pi.soc_temperature, above: {warning: 75}}\n";
        Files.writeString(Path.of(CONF), mine);
        Host.run("chown", "root:vigie", CONF).ok();
        Host.run("chmod", "0640", CONF).ok();
        Files.writeString(Path.of("/etc/systemd/system/vigie-agent.service"),
                "[Service]\nExecStart=/usr/bin/java -jar /opt/vigie/vigie.jar run --config /etc/vigie/agent.yaml\n");

        Host.Result install = Host.dpkg("-i", Host.deb("vigie").toString()).ok();
        assertTrue(install.out().contains("hides the packaged unit"), install.out());
        assertEquals("install ok installed", Host.status("vigie"));
        assertEquals(mine, Files.readString(Path.of(CONF)), "the user's configuration is kept, not the example");
        assertEquals("640 root:vigie", Host.stat(CONF));
        assertFalse(Host.exists(CONF + ".vigie-manual") || Host.exists(CONF + ".dpkg-new"));
        assertEquals(uid, Host.run("id", "-u", "vigie").ok().out().strip(), "the existing user is reused");
        Host.run("vigie", "check", "--config", CONF).ok();
        assertEquals(0, startCondition().rc(), "the user's configuration is not the example: the unit would start");
    }

    @Test
    void withoutJavaDpkgRefusesToConfigure(@TempDir Path root) throws Exception {
        // A root whose dpkg database has adduser but no Java runtime; /bin/sh for the maintainer scripts.
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        for (String d : List.of("info", "updates", "triggers")) {
            Files.createDirectories(admin.resolve(d));
        }
        Files.writeString(admin.resolve("status"), Host.run("dpkg-query", "-s", "adduser").ok().out() + "\n");
        Host.sh("cd " + root + " && for f in /bin/dash $(ldd /bin/dash | grep -o '/[^ ]*'); do"
                + " mkdir -p .$(dirname $f) && cp -L $f .$f; done && ln -s dash bin/sh").ok();

        Host.Result r = Host.dpkg("--root=" + root, "-i", Host.deb("vigie").toString());
        assertEquals(1, r.rc(), r.out());
        assertTrue(r.out().contains("dependency problems prevent configuration of vigie"), r.out());
        assertTrue(r.out().contains("vigie depends on default-jre-headless (>= 2:1.17) | java17-runtime-headless"), r.out());
        // Unpacked, never configured: no maintainer script made a user, a state directory or a link.
        assertEquals("install ok unpacked", Host.run("dpkg-query", "--admindir=" + admin, "-W", "-f=${Status}", "vigie")
                .ok().out().strip());
        assertFalse(Files.exists(root.resolve("var/lib/vigie")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants")));

        // The JRE Debian 12 ships satisfies the dependency (openjdk-17-jre-headless provides java17-runtime-headless).
        String jre = Host.run("dpkg-query", "-s", "openjdk-17-jre-headless").out();
        assumeTrue(jre.contains("java17-runtime-headless"), "optional: openjdk-17-jre-headless is not installed here");
        Files.writeString(admin.resolve("status"), Files.readString(admin.resolve("status")) + jre + "\n");
        Host.Result again = Host.dpkg("--root=" + root, "--configure", "vigie");
        assertFalse(again.out().contains("dependency problems"), again.out());
    }

    /** Runs the unit's ExecCondition= line: 0 start, 1 skip. */
    private static Host.Result startCondition() throws Exception {
        String line = Files.readAllLines(Path.of(UNIT)).stream().filter(l -> l.startsWith("ExecCondition="))
                .findFirst().orElseThrow();
        String quoted = line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\''));
        return Host.run("/bin/sh", "-c", quoted);
    }

    /** The same package with a higher version, as a rebuild would make it. */
    private static Path higherVersion(Path tmp) throws Exception {
        Path tree = tmp.resolve("tree");
        Host.run("dpkg-deb", "-R", Host.deb("vigie").toString(), tree.toString()).ok();
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^(Version: .*)$", "$1+1"));
        Path deb = tmp.resolve("vigie-newer.deb");
        Host.run("dpkg-deb", "-b", "-Zgzip", tree.toString(), deb.toString()).ok();
        return deb;
    }
}
