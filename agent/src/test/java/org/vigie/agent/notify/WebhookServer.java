package org.vigie.agent.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HTTP server): records every request with the
 * {@link System#nanoTime()} of its arrival, and answers with the next status of a script
 * (200 by default; 0 means hang until closed).
 */
final class WebhookServer implements AutoCloseable {

    /** One request as received. */
    record Request(String body, Map<String, List<String>> headers, long nanos, int status) {
        String header(String name) {
            List<String> v = headers.get(name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase());
            return v == null ? null : v.get(0);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final List<Integer> script = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    WebhookServer(Integer... statuses) throws IOException {
        script.addAll(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0/B0");
    }

    private void handle(HttpExchange ex) throws IOException {
        long nanos = System.nanoTime();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        synchronized (this) {
            status = script.isEmpty() ? 200 : script.remove(0);
            requests.add(new Request(body, Map.copyOf(ex.getRequestHeaders()), nanos, status));
            notifyAll();
        }
        if (status == 0) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until {@code count} requests matching {@code p} arrived. */
    synchronized List<Request> await(int count, Predicate<Request> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Request> match = requests.stream().filter(p).toList();
            long left = deadline - System.nanoTime();
            if (match.size() >= count || left <= 0) {
                return match;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
