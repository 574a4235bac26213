package org.vigie.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.Json;

/**
 * {@code POST /api/ack}: HTTP Basic against {@code users_file}, failed logins slowed down, then
 * handed to the engine exactly as {@code cmd/ack} is. Without {@code users_file}, 403.
 */
final class AckHandler {
    private static final Logger log = LoggerFactory.getLogger(AckHandler.class);
    static final int MAX_BODY = 4096;

    private final Agent agent;
    private final Users users;
    private final Throttle throttle = new Throttle();

    AckHandler(Agent agent, Users users) {
        this.agent = agent;
        this.users = users;
    }

    void handle(HttpExchange ex) throws IOException, Http.Refused {
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            throw new Http.Refused(405, "method " + ex.getRequestMethod() + " not allowed here; use POST");
        }
        if (users == null) {
            throw new Http.Refused(403, "acknowledging from HTTP needs http.users_file; this page is read-only");
        }
        String from = ex.getRemoteAddress().getAddress().getHostAddress();
        long wait = throttle.waitMs(from, System.currentTimeMillis());
        if (wait > 0) {
            ex.getResponseHeaders().set("Retry-After", Long.toString((wait + 999) / 1000));
            throw new Http.Refused(429, "too many failed logins from " + from + "; try again in " + (wait + 999) / 1000 + " s");
        }
        String user = authenticate(ex, from);
        ObjectNode body = body(ex);
        JsonNode alarm = body.get("alarm");
        if (alarm == null || !alarm.isTextual() || alarm.asText().isBlank()) {
            throw new Http.Refused(400, "missing \"alarm\" (a string)");
        }
        JsonNode by = body.get("by");
        if (by != null && !(by.isTextual() && by.asText().equals(user))) {
            throw new Http.Refused(403, "\"by\" must be the name you logged in as (" + user + "), or left out");
        }
        ObjectNode req = Json.MAPPER.createObjectNode();
        req.put("alarm", alarm.asText());
        req.put("by", user);
        String refusal;
        try {
            refusal = agent.acknowledge(Json.MAPPER.writeValueAsString(req), "HTTP from " + from).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new Http.Refused(503, "the agent did not answer within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.Refused(503, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new Http.Refused(503, "the agent could not acknowledge: " + e.getCause());
        }
        if (refusal != null) {
            throw new Http.Refused(409, refusal);
        }
        log.info("alarm {} acknowledged by {} over HTTP from {}", alarm.asText(), user, from);
        ObjectNode ok = Json.MAPPER.createObjectNode();
        ok.put("alarm", alarm.asText());
        ok.put("state", "acknowledged");
        ok.put("acked_by", user);
        Http.json(ex, 200, ok);
    }

    private String authenticate(HttpExchange ex, String from) throws Http.Refused {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"vigie\", charset=\"UTF-8\"");
            throw new Http.Refused(401, "log in (HTTP Basic) to acknowledge");
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Http.Refused(400, "Authorization: not base64");
        }
        int colon = pair.indexOf(':');
        String name = colon < 0 ? pair : pair.substring(0, colon);
        char[] password = colon < 0 ? new char[0] : pair.substring(colon + 1).toCharArray();
        if (!users.check(name, password)) {
            throttle.failed(from, System.currentTimeMillis());
            log.warn("HTTP from {}: wrong name or password for {}", from, Http.shorten(name));
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"vigie\", charset=\"UTF-8\"");
            throw new Http.Refused(401, "wrong name or password");
        }
        throttle.succeeded(from);
        return name;
    }

    private static ObjectNode body(HttpExchange ex) throws IOException, Http.Refused {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY) {
            throw new Http.Refused(413, "body of " + length + " bytes, more than " + MAX_BODY);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = new byte[1024];
            int n;
            while ((n = in.read(b)) > 0) {
                buf.write(b, 0, n);
                if (buf.size() > MAX_BODY) {
                    throw new Http.Refused(413, "body longer than " + MAX_BODY + " bytes");
                }
            }
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(buf.toByteArray());
        } catch (IOException e) {
            throw new Http.Refused(400, "body is not JSON: " + Http.shorten(buf.toString(StandardCharsets.UTF_8)));
        }
        if (n == null || !n.isObject()) {
            throw new Http.Refused(400, "body must be a JSON object like {\"alarm\":\"basement-leak\"}");
        }
        return (ObjectNode) n;
    }
}
