package org.vigie.agent.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigie.agent.run.Json;

/** Small helpers shared by the handlers: query strings, JSON answers, one-line JSON errors. */
final class Http {
    /** Answers longer than this are gzipped for clients that accept it (a phone on a weak link). */
    static final int GZIP_ABOVE = 1024;
    private Http() {
    }

    /** A request that gets a 4xx: the status and one line saying what was wrong. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static Map<String, String> query(HttpExchange ex) throws Refused {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Refused(400, "malformed query string");
            }
        }
        return out;
    }

    static void json(HttpExchange ex, int status, ObjectNode body) throws IOException {
        send(ex, status, "application/json", Json.bytes(body));
    }

    static void send(HttpExchange ex, int status, String type, byte[] data) throws IOException {
        byte[] body = data;
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (body.length > GZIP_ABOVE && accept != null && accept.contains("gzip")) {
            java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream(body.length / 4);
            try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z)) {
                g.write(body);
            }
            body = z.toByteArray();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.getResponseHeaders().set("Vary", "Accept-Encoding");
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", message.replaceAll("[\\r\\n]+", " "));
        json(ex, status, n);
    }

    static void onlyGet(HttpExchange ex) throws Refused {
        String m = ex.getRequestMethod();
        if (!"GET".equals(m) && !"HEAD".equals(m)) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new Refused(405, "method " + m + " not allowed here; use GET");
        }
    }

    static String shorten(String s) {
        String one = s.replaceAll("[\\p{Cntrl}]", " ");
        return one.length() > 60 ? one.substring(0, 60) + "…" : one;
    }
}
