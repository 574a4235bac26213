package org.vigie.agent.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people who may acknowledge from the page: {@code users_file}, one {@code name:hash} a line,
 * the hash {@code pbkdf2-sha256$ITERATIONS$SALT$KEY} (base64) as {@code vigie passwd} writes it.
 * The file is read again when it changes, so a new password works without a restart.
 */
public final class Users {
    private static final Logger log = LoggerFactory.getLogger(Users.class);
    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    private final Path file;
    private FileTime readAt;
    private Map<String, String> hashes = Map.of();

    Users(Path file) {
        this.file = file;
    }

    /** Whether {@code password} is {@code name}'s. Slow on purpose (PBKDF2); wrong names cost the same. */
    boolean check(String name, char[] password) {
        String stored = current().get(name);
        String hash = stored != null ? stored : DUMMY;
        boolean ok = verify(password, hash);
        return stored != null && ok;
    }

    private static final String DUMMY = hash("not a password".toCharArray(), new byte[16], ITERATIONS);

    private synchronized Map<String, String> current() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (!t.equals(readAt)) {
                hashes = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                readAt = t;
            }
        } catch (IOException e) {
            log.warn("http users_file {}: cannot read: {}; nobody can acknowledge until it can", file, e.getMessage());
            hashes = Map.of();
            readAt = null;
        }
        return hashes;
    }

    private Map<String, String> parse(java.util.List<String> lines) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1 || !line.startsWith(SCHEME + "$", colon + 1)) {
                log.warn("{}:{}: not name:{}$…; line ignored", file, i + 1, SCHEME);
                continue;
            }
            out.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return out;
    }

    /** A new salted hash of {@code password}. */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    static String hash(char[] password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    static boolean verify(char[] password, String hash) {
        String[] p = hash.split("\\$");
        if (p.length != 4 || !SCHEME.equals(p[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(p[1]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] want = Base64.getDecoder().decode(p[3]);
            return MessageDigest.isEqual(want, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}
