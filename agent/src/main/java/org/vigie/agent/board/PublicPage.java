package org.vigie.agent.board;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.vigie.agent.run.Json;

/** {@code index.html}: the public status page, static: no script, no external asset. */
final class PublicPage {
    /** What a customer reads: minutes, in UTC, said so. The exact instant stays in {@code datetime}. */
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PublicPage() {
    }

    /** {@code <time datetime="2026-12-03T09:18:26.665Z">2026-12-03 09:18 UTC</time>}. */
    static String time(Instant t) {
        return "<time datetime=\"" + Json.ts(t) + "\">" + READABLE.format(t) + "</time>";
    }

    static String render(String title, List<String> components, PublicBook book) {
        String overall = PublicJson.overall(book);
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"30\">")
                .append("<title>").append(Html.esc(title)).append("</title>")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.atom\" title=\"Incidents\">")
                .append("<style>").append(Html.STYLE).append("</style></head><body>\n");
        b.append("<h1>").append(Html.esc(title)).append("</h1>\n");
        b.append("<div class=\"banner ").append(Html.cls(overall)).append("\">")
                .append(overall.equals(PublicBook.OPERATIONAL) ? "All systems operational" : banner(overall))
                .append("</div>\n");
        b.append("<table><tr><th>Component</th><th>State</th><th>Since</th></tr>\n");
        for (String name : components) {
            PublicBook.ComponentState s = book.states.get(name);
            if (s == null) {
                continue;
            }
            b.append("<tr><td>").append(Html.esc(name)).append("</td><td><span class=\"state ")
                    .append(Html.cls(s.state())).append("\">").append(Html.esc(s.state())).append("</span></td><td>")
                    .append(time(s.since())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        incidents(b, book, true, "Current incidents");
        incidents(b, book, false, "Past incidents");
        b.append("<p class=\"muted\">Updated ").append(time(book.changed))
                .append(". <a href=\"status.json\">status.json</a> · <a href=\"feed.atom\">Atom feed</a></p>\n")
                .append("</body></html>\n");
        return b.toString();
    }

    private static String banner(String overall) {
        return switch (overall) {
            case PublicBook.DEGRADED -> "Some components are degraded";
            case PublicBook.MAJOR_OUTAGE -> "Major outage";
            default -> "Monitoring of some components is unreachable";
        };
    }

    private static void incidents(StringBuilder b, PublicBook book, boolean open, String heading) {
        List<Incident> list = book.incidents.stream().filter(i -> i.open() == open).toList();
        b.append("<h2>").append(heading).append("</h2>\n");
        if (list.isEmpty()) {
            b.append("<p class=\"muted\">None.</p>\n");
            return;
        }
        for (int k = list.size() - 1; k >= 0; k--) {
            Incident i = list.get(k);
            b.append("<div class=\"incident\" id=\"incident-").append(i.id).append("\"><strong>")
                    .append(Html.esc(i.title())).append("</strong> <span class=\"muted\">#").append(i.id)
                    .append(", opened ").append(time(i.opened));
            if (i.resolved != null) {
                b.append(", resolved ").append(time(i.resolved));
            }
            b.append("</span><ul>");
            for (int u = i.updates.size() - 1; u >= 0; u--) {
                Incident.Update up = i.updates.get(u);
                b.append("<li><span class=\"muted\">").append(time(up.ts())).append("</span> ")
                        .append(Html.esc(up.text())).append("</li>");
            }
            b.append("</ul></div>\n");
        }
    }
}
