package org.vigie.agent.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook's headers file: one {@code Name: value} a line (an {@code Authorization} token, say);
 * blank lines and lines starting with {@code #} are skipped. Kept in a file because it holds secrets.
 */
public final class HeaderFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** Set by the HTTP client itself; java.net.http refuses them. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** One header. */
    public record Header(String name, String value) {
    }

    private HeaderFile() {
    }

    /** The headers, or an {@link IOException} naming the file, the line and what is wrong. */
    public static List<Header> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        List<Header> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).strip();
            if (colon < 0 || !NAME.matcher(name).matches()) {
                throw new IOException(file + ":" + (i + 1) + ": must be a header line like 'Authorization: Bearer …'");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IOException(file + ":" + (i + 1) + ": header " + name + " is set by vigie itself");
            }
            out.add(new Header(name, line.substring(colon + 1).strip()));
        }
        return List.copyOf(out);
    }
}
