package org.vigie.sensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Secrets (passwords, communities) come from files, never inline: the first line of the file,
 * without its line end and surrounding blanks.
 */
public final class SecretFile {

    private static final int MAX_BYTES = 4096;

    private SecretFile() {
    }

    /**
     * Reads the secret in {@code file}.
     *
     * @param key the configuration key that named the file, for the message ({@code community_file})
     * @throws IOException with a message like {@code community_file /etc/vigie/snmp.community: no such file}
     */
    public static String read(String key, Path file) throws IOException {
        String where = key + " " + file + ": ";
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw new IOException(where + "no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException(where + "permission denied", e);
        } catch (IOException e) {
            throw new IOException(where + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(where + "not UTF-8 text", e);
        }
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).strip();
        if (first.isEmpty()) {
            throw new IOException(where + "empty first line");
        }
        return first;
    }
}
