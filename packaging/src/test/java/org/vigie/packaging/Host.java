package org.vigie.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine the package tests install on: commands run as root, every dpkg call under
 * {@code flock /tmp/apt.lock} (other builds may install packages at the same time).
 */
final class Host {
    /** A finished command: its exit status and its stdout and stderr together. */
    record Result(int rc, String out) {
        Result ok() {
            assertEquals(0, rc, () -> "exit " + rc + ": " + out);
            return this;
        }
    }

    private Host() {
    }

    static void assumeRootWithDpkg() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the Debian package tests install packages: run them as root (CI is root)");
        assumeTrue(new File("/usr/bin/dpkg").canExecute(), "dpkg is needed (a Debian system)");
    }

    static Path deb(String name) throws IOException {
        Path dir = Path.of(System.getProperty("deb.dir", "target"));
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(name + "_[^_]+_all\\.deb"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + name + "_*_all.deb in " + dir
                            + ": mvn -B -DskipTests package builds it"));
        }
    }

    static Result run(String... argv) {
        return run(List.of(argv));
    }

    static Result dpkg(String... args) {
        List<String> argv = new ArrayList<>(List.of("flock", "/tmp/apt.lock", "dpkg"));
        argv.addAll(List.of(args));
        return run(argv);
    }

    static Result sh(String script) {
        return run("/bin/sh", "-c", script);
    }

    static Result run(List<String> argv) {
        try {
            Path out = Files.createTempFile("vigie-pkg", ".out");
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(180, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out after 180 s: " + argv);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + argv, e);
        }
    }

    /** {@code stat -c FORMAT PATH}, e.g. "%a %U:%G". */
    static String stat(String path) {
        return run("stat", "-c", "%a %U:%G", path).ok().out().strip();
    }

    static boolean exists(String path) {
        return Files.exists(Path.of(path), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** dpkg's status of a package: "install ok installed", "deinstall ok config-files", or "" when not installed. */
    static String status(String pkg) {
        Result r = run("dpkg-query", "-W", "-f=${Status}", pkg);
        String status = r.rc() == 0 ? r.out().strip() : "";
        return status.endsWith(" not-installed") ? "" : status;
    }

    /**
     * What the packages may touch, listed: files under their directories, systemd's links and
     * deb-systemd-helper's state, and the users and groups. Equal before and after a test means
     * the test left the machine as it found it.
     */
    static String footprint() {
        return sh("find /etc/vigie /var/lib/vigie /var/lib/vigie-listener /var/cache/vigie /var/cache/vigie-cds"
                + " /usr/share/vigie /usr/share/doc/vigie /usr/share/doc/vigie-listen /opt/vigie"
                + " /usr/bin/vigie /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled"
                + " /var/lib/systemd/deb-systemd-helper-masked /lib/udev/rules.d/60-vigie-gpio.rules"
                + " /usr/share/polkit-1/rules.d/50-vigie-listen.rules 2>/dev/null | sort;"
                + " grep -h -e vigie -e '^gpio:' -e '^i2c:' -e '^dialout:' /etc/passwd /etc/group /etc/shadow"
                + " /etc/gshadow; dpkg-query -W -f='${Package} ${Status}\\n' 'vigie*' 2>/dev/null | grep -v ' not-installed$'; true").out();
    }

    /** Puts back what a package test may have left: packages purged, users, groups, manual files. */
    static void restore(boolean removeGpioGroup) {
        dpkg("--purge", "vigie", "vigie-listen");
        for (String user : List.of("vigie", "vigie-listen")) {
            if (run("getent", "passwd", user).rc() == 0) {
                run("userdel", user);
            }
            if (run("getent", "group", user).rc() == 0) {
                run("groupdel", user);
            }
        }
        if (removeGpioGroup) {
            run("groupdel", "gpio");
        }
        run("rm", "-rf", "/opt/vigie", "/etc/vigie", "/etc/systemd/system/vigie-agent.service",
                "/etc/systemd/system/vigie-listen.service");
    }
}
