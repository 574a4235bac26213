package org.vigie.agent.shutdown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys from the JDK, stored as standard PEM (private: PKCS#8, public:
 * SubjectPublicKeyInfo) so {@code openssl pkey} reads both. A key's id is the first 16 hex digits
 * of the SHA-256 of the public key's DER encoding.
 */
public final class Keys {
    private static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Writes {@code PREFIX.key} (mode 0600, created so from the start) and {@code PREFIX.pub}. */
    public static void write(KeyPair pair, Path prefix) throws IOException {
        Path key = Path.of(prefix + ".key");
        Path pub = Path.of(prefix + ".pub");
        if (Files.exists(key) || Files.exists(pub)) {
            throw new IOException((Files.exists(key) ? key : pub) + " already exists; not overwriting a key");
        }
        byte[] privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key);
        }
        Files.write(key, privatePem, StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardOpenOption.CREATE_NEW);
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] der(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (!m.find() || !m.group(1).equals(type)) {
            throw new IOException(file + ": not a PEM " + type.toLowerCase(java.util.Locale.ROOT)
                    + " (expected -----BEGIN " + type + "-----)");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad base64 in the PEM body", e);
        }
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 private key", e);
        }
    }

    /** {@code PREFIX.pub} beside {@code PREFIX.key}: the JDK cannot derive an Ed25519 public key from the private one. */
    public static Path publicBeside(Path privateKey) {
        String name = privateKey.getFileName().toString();
        String base = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
        return privateKey.resolveSibling(base + ".pub");
    }

    /** Reads a key pair written by {@link #write} and checks that its two halves belong together. */
    public static KeyPair readPair(Path privateKey) throws IOException {
        PrivateKey priv = readPrivate(privateKey);
        Path pubFile = publicBeside(privateKey);
        if (!Files.isReadable(pubFile)) {
            throw new IOException(pubFile + ": missing; vigie keygen writes it beside " + privateKey.getFileName());
        }
        PublicKey pub = readPublic(pubFile);
        byte[] probe = "vigie key check".getBytes(StandardCharsets.US_ASCII);
        if (!Signatures.verify(pub, probe, Signatures.sign(priv, probe))) {
            throw new IOException(pubFile + " does not match " + privateKey);
        }
        return new KeyPair(pub, priv);
    }

    public static PublicKey readPublic(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 public key", e);
        }
    }

    /** The key id: the first 16 hex digits of the SHA-256 of the public key's DER encoding. */
    public static String id(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
