package org.vigie.sensors.nut;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS over an upsd connection after {@code STARTTLS}: the server's certificate must chain to
 * {@code ca_file} (or to the JVM's trusted roots without one) and name the configured host.
 */
final class NutTls {

    private NutTls() {
    }

    /** Wraps the connected plain socket {@code plain} once upsd answered {@code OK STARTTLS}. */
    static SSLSocket wrap(Socket plain, String host, int port, Path caFile) throws IOException {
        SSLSocket ssl = (SSLSocket) context(caFile).getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            ssl.close();
            String why = String.valueOf(e.getMessage()).contains("PKIX")
                    ? "the server's certificate does not chain to "
                            + (caFile == null ? "the JVM's trusted roots" : "ca_file " + caFile)
                    : e.getMessage();
            throw new IOException("TLS handshake: " + why, e);
        }
        return ssl;
    }

    private static SSLContext context(Path caFile) throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caFile == null ? null : trusted(caFile));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup: " + e.getMessage(), e);
        }
    }

    private static KeyStore trusted(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new IOException("ca_file " + caFile + ": no certificate in it");
            }
        } catch (NoSuchFileException e) {
            throw new IOException("ca_file " + caFile + ": no such file", e);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("ca_file " + caFile + ": not PEM certificates: " + e.getMessage(), e);
        }
        return store;
    }
}
