package org.vigie.agent.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.Durations;
import org.vigie.agent.history.HistoryStore;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Agent;

/**
 * The operator's view of an agent (SPEC §7, docs/web.md): the status page, the JSON API and
 * {@code /metrics} on the JDK's HTTP server, and the history behind the plots. Handlers read the
 * agent's published snapshot and never wait for its engine, except an acknowledgement, which is
 * handed to the engine like {@code cmd/ack} and awaited for at most 5 s.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final HttpServer server;
    private final ExecutorService pool;
    private final HistoryStore history;

    private WebServer(HttpServer server, ExecutorService pool, HistoryStore history) {
        this.server = server;
        this.pool = pool;
        this.history = history;
    }

    /**
     * Sets up history (when configured) and the HTTP server (when {@code http.listen} is set) for
     * an agent; call before {@link Agent#start()}. Returns {@code null} when neither is configured.
     *
     * @throws IOException the address cannot be bound
     */
    public static WebServer attach(Agent agent) throws IOException {
        AgentConfig cfg = agent.config();
        if (cfg.http() == null && cfg.history() == null) {
            return null;
        }
        HistoryStore history = null;
        if (cfg.history() != null) {
            history = HistoryStore.open(cfg.stateDir(), cfg.history().retain(), cfg.sensors());
            agent.onReading(history::offer);
            history.start();
        }
        HttpServer server = null;
        ExecutorService pool = null;
        if (cfg.http() != null) {
            InetSocketAddress at = cfg.http().listen();
            // The JDK server writes headers and body apart: without TCP_NODELAY, Nagle and the
            // client's delayed ACK add 40 ms to every answer. Read once, when the first server starts.
            System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
            try {
                InetSocketAddress bind = new InetSocketAddress(at.getHostString(), at.getPort());
                if (bind.isUnresolved()) {
                    throw new IOException("unknown host " + at.getHostString());
                }
                server = HttpServer.create(bind, 16);
            } catch (IOException e) {
                if (history != null) {
                    history.close();
                }
                throw new IOException("http.listen " + at.getHostString() + ":" + at.getPort() + ": " + Errors.describe(e), e);
            }
            AtomicInteger n = new AtomicInteger();
            pool = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "vigie-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());
            server.setExecutor(pool);
            route(server, agent, history);
            server.start();
            log.info("status page on http://{}:{}/ ({})", at.getHostString(), server.getAddress().getPort(),
                    cfg.http().usersFile() == null ? "read-only" : "acknowledging as the users of " + cfg.http().usersFile());
        }
        WebServer web = new WebServer(server, pool, history);
        agent.onClose(web::close);
        return web;
    }

    private static void route(HttpServer server, Agent agent, HistoryStore history) throws IOException {
        AgentConfig cfg = agent.config();
        Users users = cfg.http().usersFile() == null ? null : new Users(cfg.http().usersFile());
        Api api = new Api(agent, history, users);
        Assets assets = new Assets();
        Metrics metrics = new Metrics(cfg, org.vigie.agent.cli.Main.version(), () -> agent.link().connected());
        server.createContext("/", ex -> handle(ex, () -> {
            String path = ex.getRequestURI().getPath();
            if (!assets.has(path)) {
                throw new Http.Refused(404, "no such page: " + Http.shorten(path));
            }
            assets.serve(ex, path);
        }));
        server.createContext("/api/state", ex -> handle(ex, () -> exact(ex, "/api/state", () -> api.state(ex))));
        server.createContext("/api/history", ex -> handle(ex, () -> exact(ex, "/api/history", () -> api.history(ex))));
        server.createContext("/api/events", ex -> handle(ex, () -> exact(ex, "/api/events", () -> api.events(ex))));
        AckHandler ack = new AckHandler(agent, users);
        server.createContext("/api/ack", ex -> handle(ex, () -> exact(ex, "/api/ack", () -> ack.handle(ex))));
        server.createContext("/metrics", ex -> handle(ex, () -> exact(ex, "/metrics", () -> {
            Http.onlyGet(ex);
            ExpositionFormatWriter w = Metrics.writer(ex.getRequestHeaders().getFirst("Accept"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            Metrics.write(w, out, metrics.collect(agent.view()));
            Http.send(ex, 200, w.getContentType(), out.toByteArray());
        })));
    }

    private interface Work {
        void run() throws IOException, Http.Refused;
    }

    /** A context matches every path under it: only its own is served. */
    private static void exact(HttpExchange ex, String path, Work work) throws IOException, Http.Refused {
        if (!ex.getRequestURI().getPath().equals(path)) {
            throw new Http.Refused(404, "no such page: " + Http.shorten(ex.getRequestURI().getPath()));
        }
        work.run();
    }

    /** Every failure is one JSON line with a 4xx/5xx status; nothing a client sends prints a stack trace. */
    private static void handle(HttpExchange ex, Work work) {
        try {
            work.run();
        } catch (Http.Refused r) {
            try {
                Http.error(ex, r.status, r.getMessage());
            } catch (IOException e) {
                log.debug("HTTP answer lost: {}", Errors.describe(e));
            }
        } catch (IOException e) {
            log.debug("HTTP {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), Errors.describe(e));
        } catch (RuntimeException e) {
            log.warn("HTTP {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), Errors.describe(e));
            try {
                Http.error(ex, 500, "internal error: " + Errors.describe(e));
            } catch (IOException | RuntimeException ignored) {
                log.debug("HTTP answer lost after an internal error");
            }
        } finally {
            ex.close();
        }
    }

    /** The port actually bound (useful when the configuration asked for port 0), or -1 without a server. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** What {@code vigie check} prints about {@code http:} and {@code history:}. */
    public static List<String> describe(AgentConfig cfg) {
        List<String> out = new ArrayList<>();
        if (cfg.http() != null) {
            out.add("http: status page, JSON API and /metrics on " + cfg.http().listen().getHostString() + ":"
                    + cfg.http().listen().getPort() + (cfg.http().usersFile() == null
                    ? " (read-only: no users_file, POST /api/ack answers 403)"
                    : ", acknowledgements by the users of " + cfg.http().usersFile()));
        }
        if (cfg.history() != null) {
            out.add("history: " + Durations.format(cfg.history().retain()) + " in " + cfg.stateDir().resolve("history")
                    + " (full resolution for the last " + (cfg.history().retain().compareTo(
                    java.time.Duration.ofHours(24)) < 0 ? Durations.format(cfg.history().retain()) : "24h")
                    + ", then per-minute min/max/mean)");
        }
        return out;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
        if (history != null) {
            history.close();
        }
    }
}
