package org.vigie.agent.board;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.vigie.agent.run.Json;

/** {@code feed.atom}: one entry per incident (RFC 4287), its updates newest first. */
final class AtomFeed {
    private AtomFeed() {
    }

    /** @param feedId a UUID kept in state_dir, so ids stay the same across restarts */
    static String render(String title, UUID feedId, PublicBook book) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <id>urn:uuid:").append(feedId).append("</id>\n")
                .append("  <title>").append(Html.esc(title)).append("</title>\n")
                .append("  <updated>").append(Json.ts(book.changed)).append("</updated>\n")
                .append("  <author><name>").append(Html.esc(title)).append("</name></author>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"index.html\"/>\n");
        for (int k = book.incidents.size() - 1; k >= 0; k--) {
            Incident i = book.incidents.get(k);
            UUID entryId = UUID.nameUUIDFromBytes((feedId + "/incident/" + i.id).getBytes(StandardCharsets.UTF_8));
            b.append("  <entry>\n    <id>urn:uuid:").append(entryId).append("</id>\n")
                    .append("    <title>").append(Html.esc(i.title())).append("</title>\n")
                    .append("    <published>").append(Json.ts(i.opened)).append("</published>\n")
                    .append("    <updated>").append(Json.ts(i.updated())).append("</updated>\n")
                    .append("    <link rel=\"alternate\" type=\"text/html\" href=\"index.html#incident-").append(i.id)
                    .append("\"/>\n    <content type=\"text\">");
            for (int u = i.updates.size() - 1; u >= 0; u--) {
                Incident.Update up = i.updates.get(u);
                b.append(Html.esc(Json.ts(up.ts()) + " " + up.text())).append(u > 0 ? "\n" : "");
            }
            b.append("</content>\n  </entry>\n");
        }
        b.append("</feed>\n");
        return b.toString();
    }
}
