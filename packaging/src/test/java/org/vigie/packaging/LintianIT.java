package org.vigie.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** lintian on both packages: no error and no warning (informational tags are allowed). */
class LintianIT {
    @Test
    void bothPackagesAreClean() throws Exception {
        assumeTrue(Host.run("sh", "-c", "command -v lintian").rc() == 0, "lintian is needed: apt-get install lintian");
        Host.Result r = Host.run("lintian", "--tag-display-limit", "0",
                Host.deb("vigie").toString(), Host.deb("vigie-listen").toString());
        String problems = r.out().lines().filter(l -> l.startsWith("E:") || l.startsWith("W:"))
                .collect(Collectors.joining("\n"));
        assertEquals("", problems, r.out());
    }
}
