package org.vigie.agent.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.vigie.agent.config.MqttConfig;

/**
 * TLS for {@code ssl://} brokers from PEM files: the CA that signs the broker (else the JVM's
 * trust store) and an optional client certificate and PKCS#8 key for mutual TLS. Sockets get
 * TCP_NODELAY. Hostname verification stays on (Paho checks the broker's name against its certificate).
 */
final class Tls {
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN (PRIVATE KEY|RSA PRIVATE KEY|EC PRIVATE KEY|ENCRYPTED PRIVATE KEY)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END");

    private Tls() {
    }

    static SSLSocketFactory factory(MqttConfig.Tls tls) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (tls != null && tls.ca() != null) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (Certificate c : certificates(tls.ca())) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                tmf.init(trust);
            } else {
                tmf.init((KeyStore) null);
            }
            KeyManagerFactory kmf = null;
            if (tls != null && tls.cert() != null && tls.key() != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                List<Certificate> chain = certificates(tls.cert());
                ks.setKeyEntry("client", privateKey(tls.key()), new char[0], chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new NoDelay(ctx.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup: " + Errors.describe(e), e);
        }
    }

    /** What a TLS failure means for an operator, in a few words; {@code null} when it is not one we know. */
    static String explain(Throwable e) {
        String all = Errors.describe(e);
        if (all.contains("validity check failed")) {
            int at = all.indexOf("NotAfter");
            return "TLS: the broker's certificate has expired or is not yet valid"
                    + (at < 0 ? "" : " (" + all.substring(at).split(";")[0] + ")");
        }
        if (all.contains("unable to find valid certification path")) {
            return "TLS: the broker's certificate is not signed by the CA in mqtt.tls.ca (or the JVM's trust store)";
        }
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return "TLS: the broker's certificate does not name the host in mqtt.urls";
        }
        if (all.contains("bad_certificate") || all.contains("certificate_required")) {
            return "TLS: the broker refused this agent's client certificate (mqtt.tls.cert)";
        }
        return null;
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
        if (certs.isEmpty()) {
            throw new IOException(pem + ": no certificate in the file");
        }
        return new ArrayList<>(certs);
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        Matcher m = KEY.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException(pem + ": no PEM private key in the file");
        }
        if (!m.group(1).equals("PRIVATE KEY")) {
            throw new IOException(pem + ": a " + m.group(1).toLowerCase(java.util.Locale.ROOT)
                    + " (convert it to unencrypted PKCS#8: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException(pem + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }

    /** An SSL socket factory whose sockets have TCP_NODELAY. */
    private static final class NoDelay extends SSLSocketFactory {
        private final SSLSocketFactory d;

        NoDelay(SSLSocketFactory d) {
            this.d = d;
        }

        private static Socket nd(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return d.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return d.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return nd(d.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return nd(d.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return nd(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return nd(d.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return nd(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return nd(d.createSocket(address, port, localAddress, localPort));
        }
    }
}
