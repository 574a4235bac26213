package org.vigie.agent.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Checks of the three public files: the schema, Atom's required elements, and a real browser's rendering. */
final class PublicChecks {
    static final String ATOM = "http://www.w3.org/2005/Atom";

    private PublicChecks() {
    }

    static void all(Path publicDir, String name) throws Exception {
        statusAgainstSchema(publicDir.resolve("status.json"));
        atom(publicDir.resolve("feed.atom"));
        html(publicDir.resolve("index.html"));
        screenshot(publicDir.resolve("index.html"), Path.of("target", "board-screenshots", name + ".png"));
    }

    static void statusAgainstSchema(Path status) throws Exception {
        Path schemaFile = Path.of("..", "docs", "status.schema.json");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(schemaFile));
        JsonNode doc = FleetRig.JSON.readTree(status.toFile());
        Set<ValidationMessage> errors = schema.validate(doc);
        assertEquals(Set.of(), errors, "status.json against docs/status.schema.json:\n" + doc);
    }

    /** Well-formed, and the elements RFC 4287 requires: feed id, title, updated, an author; each entry's id, title, updated. */
    static void atom(Path feed) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(feed.toFile());
        Element root = d.getDocumentElement();
        assertEquals(ATOM, root.getNamespaceURI());
        assertEquals("feed", root.getLocalName());
        for (String el : List.of("id", "title", "updated", "author")) {
            assertEquals(1, children(root, el), "feed/" + el + " in " + feed);
        }
        NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
        assertTrue(entries.getLength() > 0, "an entry per incident in " + feed);
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            for (String el : List.of("id", "title", "updated")) {
                assertEquals(1, children(e, el), "entry/" + el + " in " + feed);
            }
            String id = e.getElementsByTagNameNS(ATOM, "id").item(0).getTextContent();
            assertTrue(id.matches("urn:uuid:[0-9a-f-]{36}"), "entry id an IRI: " + id);
            String updated = e.getElementsByTagNameNS(ATOM, "updated").item(0).getTextContent();
            java.time.Instant.parse(updated);
        }
    }

    private static int children(Element parent, String local) {
        int n = 0;
        for (org.w3c.dom.Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && ATOM.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                n++;
            }
        }
        return n;
    }

    /** Static: no script, no external asset. */
    static void html(Path index) throws Exception {
        String html = Files.readString(index);
        assertFalse(html.contains("<script"), "no script in " + index);
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external asset in " + index);
    }

    /** Headless Chromium renders the page; the PNG is kept under target/board-screenshots/. */
    static void screenshot(Path index, Path png) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "chromium is not installed; .ci/run installs it");
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("vigie-chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1000,900", "--screenshot=" + png.toAbsolutePath(), index.toUri().toString())
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        assertTrue(Files.exists(png) && Files.size(png) > 5000, "screenshot of " + index + " at " + png);
    }
}
