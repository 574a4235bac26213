package org.vigie.agent.notify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vigie.agent.config.Durations;
import org.vigie.agent.config.NotifyConfig;

/** {@code type: webhook}: an HTTP POST of the message's JSON; 2xx is delivered, anything else is retried. */
final class WebhookSender implements Sender {
    private final NotifyConfig.Webhook config;
    private final List<HeaderFile.Header> headers;
    private final HttpClient client;

    WebhookSender(NotifyConfig.Webhook config) throws IOException {
        this.config = config;
        this.headers = config.headersFile() == null ? List.of() : HeaderFile.read(config.headersFile());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String send(Notification n) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "vigie")
                .POST(HttpRequest.BodyPublishers.ofString(n.message().json(), StandardCharsets.UTF_8));
        headers.forEach(h -> req.setHeader(h.name(), h.value()));
        HttpResponse<Void> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new IOException(where() + ": no answer within " + Durations.format(config.timeout()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(where() + ": interrupted");
        } catch (IOException e) {
            throw new IOException(where() + ": " + reason(e), e);
        }
        int code = resp.statusCode();
        if (code / 100 != 2) {
            throw new IOException(where() + ": HTTP " + code);
        }
        return "HTTP " + code;
    }

    /** One line for an I/O failure; java.net.http often leaves the message to a cause. */
    private String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "cannot resolve " + config.url().getHost();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** The URL without its path, which may hold a token. */
    private String where() {
        return config.url().getScheme() + "://" + config.url().getAuthority();
    }
}
