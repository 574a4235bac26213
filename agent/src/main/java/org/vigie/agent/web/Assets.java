package org.vigie.agent.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The page and its few files, read from the jar once at start and served from memory, gzipped
 * for browsers that accept it: plain HTML, CSS and ES modules, and uPlot from its webjar. Nothing
 * is fetched from anywhere else, so the page works without an internet link.
 */
final class Assets {
    private static final String OWN = "/org/vigie/agent/web/static/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/%s/dist/";

    record Asset(String type, byte[] plain, byte[] gzip, String etag) {
    }

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    Assets() throws IOException {
        add("/", OWN + "index.html", "text/html; charset=utf-8");
        add("/app.js", OWN + "app.js", "text/javascript; charset=utf-8");
        add("/plots.js", OWN + "plots.js", "text/javascript; charset=utf-8");
        add("/format.js", OWN + "format.js", "text/javascript; charset=utf-8");
        add("/style.css", OWN + "style.css", "text/css; charset=utf-8");
        String uplot = String.format(UPLOT, uplotVersion());
        add("/uplot/uPlot.iife.min.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("/uplot/uPlot.min.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
    }

    static String uplotVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IOException("the uPlot webjar is missing from the class path");
            }
            p.load(in);
        }
        return p.getProperty("version");
    }

    private void add(String path, String resource, String type) throws IOException {
        byte[] plain;
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the jar");
            }
            plain = in.readAllBytes();
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(plain);
        }
        byPath.put(path, new Asset(type, plain, z.toByteArray(), "\"" + sha(plain) + "\""));
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean has(String path) {
        return byPath.containsKey(path);
    }

    /** The paths served, for tests that check a page references nothing else. */
    java.util.Set<String> paths() {
        return byPath.keySet();
    }

    void serve(HttpExchange ex, String path) throws IOException, Http.Refused {
        Http.onlyGet(ex);
        Asset a = byPath.get(path);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", a.type());
        h.set("ETag", a.etag());
        h.set("Cache-Control", "no-cache");
        h.set("X-Content-Type-Options", "nosniff");
        if (path.equals("/")) {
            h.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        }
        if (a.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            return;
        }
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        byte[] body = gzip ? a.gzip() : a.plain();
        if (gzip) {
            h.set("Content-Encoding", "gzip");
        }
        h.set("Vary", "Accept-Encoding");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
