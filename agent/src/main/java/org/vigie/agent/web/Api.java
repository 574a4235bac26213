package org.vigie.agent.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.Durations;
import org.vigie.agent.history.HistoryStore;
import org.vigie.agent.history.Series;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.AgentView;
import org.vigie.agent.run.Json;
import org.vigie.sensors.ChannelSpec;

/** The JSON API of SPEC §7 that reads: state, history and events ({@link AckHandler} acknowledges). */
final class Api {
    private static final long[] AUTO_STEPS_MS = {60_000, 300_000, 900_000, 3_600_000, 21_600_000};
    private static final int AUTO_POINTS = 2100;
    private static final int SHORT_POINTS = 900;

    private final Agent agent;
    private final StateJson state;
    private final HistoryStore history;
    private final Users users;

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
}
