package org.vigie.agent.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.vigie.agent.config.BoardConfig;

/**
 * The public status page in {@code public.dir}: {@code index.html}, {@code status.json} and
 * {@code feed.atom}, each rewritten atomically, and only when its content changed.
 */
final class PublicFiles {
    private final BoardConfig.Public pub;
    private final List<String> names;
    private byte[] lastHtml;
    private byte[] lastJson;
    private byte[] lastAtom;

    PublicFiles(BoardConfig.Public pub) {
        this.pub = pub;
        this.names = pub.components().stream().map(BoardConfig.Component::name).toList();
    }

    /** Writes what changed; true when any file was rewritten. */
    boolean write(PublicBook book, UUID feedId) throws IOException {
        Files.createDirectories(pub.dir());
        byte[] json = FleetJson.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(PublicJson.write(pub.title(), names, book));
        byte[] html = PublicPage.render(pub.title(), names, book).getBytes(StandardCharsets.UTF_8);
        byte[] atom = AtomFeed.render(pub.title(), feedId, book).getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        if (!Arrays.equals(json, lastJson) || !Files.exists(pub.dir().resolve("status.json"))) {
            AtomicFiles.write(pub.dir().resolve("status.json"), json);
            lastJson = json;
            any = true;
        }
        if (!Arrays.equals(atom, lastAtom) || !Files.exists(pub.dir().resolve("feed.atom"))) {
            AtomicFiles.write(pub.dir().resolve("feed.atom"), atom);
            lastAtom = atom;
            any = true;
        }
        if (!Arrays.equals(html, lastHtml) || !Files.exists(pub.dir().resolve("index.html"))) {
            AtomicFiles.write(pub.dir().resolve("index.html"), html);
            lastHtml = html;
            any = true;
        }
        return any;
    }
}
