package org.vigie.agent.board;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;

/** The staff board over HTTP: {@code GET /} (a page, no script needed) and {@code GET /api/fleet} (JSON). */
final class StaffServer {
    private static final Logger log = LoggerFactory.getLogger(StaffServer.class);

    private final HttpServer server;

    private StaffServer(HttpServer server) {
        this.server = server;
    }

    static StaffServer start(InetSocketAddress at, Board board) throws IOException {
        HttpServer s;
        try {
            s = HttpServer.create(at, 32);
        } catch (IOException e) {
            throw new IOException("http.listen " + at + ": " + Errors.describe(e), e);
        }
        s.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vigie-board-http");
            t.setDaemon(true);
            return t;
        }));
        s.createContext("/", ex -> handle(ex, board));
        s.start();
        log.info("staff board on http://{}:{}/", at.getHostString(), s.getAddress().getPort());
        return new StaffServer(s);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange ex, Board board) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain", "GET only\n");
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/" -> send(ex, 200, "text/html; charset=utf-8", board.read(() -> StaffPage.render(board)));
                case "/api/fleet" -> send(ex, 200, "application/json", board.read(() -> FleetJson.MAPPER
                        .writeValueAsString(FleetJson.write(board.config().board(), board.fleet(), board::componentOf,
                                board.now(), false))));
                default -> send(ex, 404, "text/plain", "not found\n");
            }
        } catch (Exception e) {
            log.warn("staff board: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), Errors.describe(e));
            try {
                send(ex, 500, "text/plain", "error\n");
            } catch (IOException | RuntimeException ignored) {
                log.debug("staff board: the error answer was not sent either");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    void stop() {
        server.stop(0);
    }
}
