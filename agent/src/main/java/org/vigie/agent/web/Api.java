package org.vigie.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.Durations;
import org.vigie.agent.history.HistoryStore;
import org.vigie.agent.history.Series;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.AgentView;
import org.vigie.agent.run.Json;
import org.vigie.sensors.ChannelSpec;

/** The JSON API of SPEC §7: state, history, events and acknowledgements. */
final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);
    static final int MAX_BODY = 4096;
    private static final long[] AUTO_STEPS_MS = {60_000, 300_000, 900_000, 3_600_000, 21_600_000};
    private static final int AUTO_POINTS = 2100;
    private static final int SHORT_POINTS = 900;

    private final Agent agent;
    private final StateJson state;
    private final HistoryStore history;
    private final Users users;
    private final Throttle throttle = new Throttle();

    Api(Agent agent, HistoryStore history, Users users) {
        this.agent = agent;
        this.state = new StateJson(agent.config());
        this.history = history;
        this.users = users;
    }

    AgentView view() throws Http.Refused {
        AgentView v = agent.view();
        if (v == null) {
            throw new Http.Refused(503, "the agent is starting");
        }
        return v;
    }

    void state(HttpExchange ex) throws IOException, Http.Refused {
        Http.onlyGet(ex);
        ObjectNode n = state.build(view(), agent.link().connected());
        n.put("ack", users != null);
        Http.json(ex, 200, n);
    }

    void events(HttpExchange ex) throws IOException, Http.Refused {
        Http.onlyGet(ex);
        Map<String, String> q = Http.query(ex);
        long after = number(q, "after_seq", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(q, "limit", 1, JournalEvents.MAX, JournalEvents.MAX);
        List<String> lines = JournalEvents.after(agent.config().stateDir(), after, limit);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < lines.size(); i++) {
            sb.append(i == 0 ? "" : ",\n").append(lines.get(i));
        }
        Http.send(ex, 200, "application/json", sb.append("]").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static long number(Map<String, String> q, String key, long min, long max, long dflt) throws Http.Refused {
        String s = q.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                throw new Http.Refused(400, key + " must be from " + min + " to " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Http.Refused(400, key + " must be a whole number, was " + Http.shorten(s));
        }
    }

    void history(HttpExchange ex) throws IOException, Http.Refused {
        Http.onlyGet(ex);
        Map<String, String> q = Http.query(ex);
        String channel = q.get("channel");
        if (channel == null || channel.isEmpty()) {
            throw new Http.Refused(400, "channel is missing: /api/history?channel=C&since=1h");
        }
        ChannelSpec spec = agent.config().channels().get(channel);
        if (spec == null) {
            throw new Http.Refused(404, "unknown channel " + Http.shorten(channel));
        }
        if (history == null) {
            throw new Http.Refused(404, "no history is kept: configure history: or http:");
        }
        long now = agent.now().toEpochMilli();
        long since = since(q.get("since"), now);
        long step = step(q.get("step"), now - since, history.stepMs(channel));
        Series s = history.query(channel, since, step).orElseThrow(() -> new Http.Refused(404, "unknown channel " + channel));
        StringBuilder sb = new StringBuilder(64 + s.size() * 24);
        sb.append("{\"channel\":").append(Json.MAPPER.writeValueAsString(channel))
                .append(",\"unit\":").append(Json.MAPPER.writeValueAsString(spec.unit()))
                .append(",\"step_ms\":").append(s.stepMs())
                .append(",\"resolution\":\"").append(s.rolledUp() ? "rolled" : "full").append("\",\"points\":[");
        for (int i = 0; i < s.size(); i++) {
            sb.append(i == 0 ? "[" : ",[").append(s.ts()[i]).append(',');
            num(sb, s.mean()[i]);
            if (s.rolledUp()) {
                num(sb.append(','), s.min()[i]);
                num(sb.append(','), s.max()[i]);
            }
            sb.append(']');
        }
        Http.send(ex, 200, "application/json", sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void num(StringBuilder sb, float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            sb.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    /** {@code since}: a duration back from now ({@code 1h}, {@code 7d}) or an RFC 3339 time; default 1 h. */
    static long since(String s, long nowMs) throws Http.Refused {
        if (s == null) {
            return nowMs - 3_600_000;
        }
        var d = Durations.parse(s);
        if (d.isPresent()) {
            return nowMs - d.get().toMillis();
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Http.Refused(400, "since must be a duration like 1h or 7d, or a time like 2026-01-31T22:00:00Z, was "
                    + Http.shorten(s));
        }
    }

    /**
     * {@code step}: {@code full}, a multiple of the channel's own step under a minute, or whole
     * minutes. By default at most about 900 points up to 1 h (from full resolution), else about 2000
     * (from the per-minute rollups).
     */
    static long step(String s, long spanMs, int fullStepMs) throws Http.Refused {
        if (s == null) {
            if (spanMs <= 3_600_000L) {
                long k = Math.max(1, (spanMs / fullStepMs + SHORT_POINTS - 1) / SHORT_POINTS);
                return k == 1 ? 0 : Math.min(k * fullStepMs, 60_000L);
            }
            for (long st : AUTO_STEPS_MS) {
                if (spanMs / st <= AUTO_POINTS) {
                    return st;
                }
            }
            return AUTO_STEPS_MS[AUTO_STEPS_MS.length - 1];
        }
        if (s.equals("full")) {
            return 0;
        }
        var d = Durations.parse(s);
        long ms = d.map(java.time.Duration::toMillis).orElse(-1L);
        boolean fine = ms > 0 && (ms < 60_000 ? ms % fullStepMs == 0 : ms % 60_000 == 0);
        if (!fine) {
            throw new Http.Refused(400, "step must be full, a multiple of " + fullStepMs
                    + " ms under a minute, or whole minutes like 5m, was " + Http.shorten(s));
        }
        return ms;
    }

    void ack(HttpExchange ex) throws IOException, Http.Refused {
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
