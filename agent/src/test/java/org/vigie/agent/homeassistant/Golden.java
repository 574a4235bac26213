package org.vigie.agent.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The expected discovery configs ({@code homeassistant/golden.json}: topic → payload, the version
 * written {@code VERSION}) and the JSON schema written from Home Assistant's documentation. Run
 * with {@code -Dgolden.update=true} to rewrite the golden file after an intended change (then read
 * the diff).
 */
final class Golden {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "VERSION";

    private Golden() {
    }

    static Path resource(String name) throws Exception {
        return Path.of(Golden.class.getResource("/homeassistant/" + name).toURI());
    }

    /** Compares {@code actual} (topic → payload) with the golden file, as JSON trees. */
    static void matches(Map<String, JsonNode> actual) throws Exception {
        ObjectNode tree = JSON.createObjectNode();
        actual.forEach(tree::set);
        if (Boolean.getBoolean("golden.update")) {
            Path src = Path.of("src/test/resources/homeassistant/golden.json");
            Files.writeString(src, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n");
        }
        JsonNode expected = JSON.readTree(Files.readString(resource("golden.json")));
        assertEquals(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree), "discovery configs differ from golden.json");
    }

    private static JsonSchema schema;

    /** Fails with every schema violation of one config. */
    static synchronized void valid(String topic, JsonNode config) throws Exception {
        if (schema == null) {
            try (InputStream in = Files.newInputStream(resource("discovery.schema.json"))) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            }
        }
        String component = topic.split("/")[1];
        ObjectNode doc = JSON.createObjectNode();
        doc.put("component", component);
        doc.set("config", config);
        Set<ValidationMessage> errors = schema.validate(doc);
        assertTrue(errors.isEmpty(), topic + ": " + errors);
    }

    /** The config with its version fields written {@code VERSION}. */
    static JsonNode versionless(JsonNode config) {
        ObjectNode c = config.deepCopy();
        if (c.get("device") instanceof ObjectNode d && d.has("sw_version")) {
            d.put("sw_version", VERSION);
        }
        if (c.get("origin") instanceof ObjectNode o && o.has("sw_version")) {
            o.put("sw_version", VERSION);
        }
        return c;
    }
}
