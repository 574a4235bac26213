package org.vigie.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into a {@link Node} tree that remembers the line and column of every key and value,
 * with Jackson's streaming YAML parser, so that every configuration problem can be reported
 * where it was written.
 */
final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A YAML document that could not be read at all. */
    static final class SyntaxError extends Exception {
        final Node.Loc loc;

        SyntaxError(Node.Loc loc, String message) {
            super(message);
            this.loc = loc;
        }
    }

    private final List<Problem> duplicates = new ArrayList<>();

    /** Parses {@code text}; returns {@code null} for an empty document. */
    Node read(String text) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            Node root = node(p, "");
            if (p.nextToken() != null) {
                throw new SyntaxError(loc(p.currentTokenLocation()), "more than one YAML document in the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null && m.getProblem() != null) {
                throw syntaxError(m);
            }
            JsonLocation l = e.getLocation();
            throw new SyntaxError(l == null ? Node.Loc.START : loc(l), "YAML syntax error: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SyntaxError(Node.Loc.START, "cannot read: " + e.getMessage());
        }
    }

    /** Duplicate keys found while reading (the later value wins in the tree). */
    List<Problem> duplicates() {
        return duplicates;
    }

    private Node node(JsonParser p, String path) throws IOException {
        Node.Loc at = loc(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Node.Mapping m = new Node.Mapping(at);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Node.Loc keyLoc = loc(p.currentTokenLocation());
                    p.nextToken();
                    String childPath = Paths.key(path, key);
                    Node value = node(p, childPath);
                    if (m.entries().containsKey(key)) {
                        duplicates.add(new Problem(keyLoc, childPath, "duplicate key (first at line "
                                + m.entries().get(key).keyLoc().line() + ")"));
                    }
                    m.entries().put(key, new Node.Entry(key, keyLoc, value));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, Paths.index(path, items.size())));
                }
                return new Node.Sequence(at, items);
            }
            case VALUE_STRING -> {
                return new Node.Scalar(at, p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new Node.Scalar(at, p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getText() : (Object) p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Node.Scalar(at, p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node.Scalar(at, t == JsonToken.VALUE_TRUE, p.getText());
            }
            case VALUE_NULL -> {
                return new Node.Scalar(at, null);
            }
            default -> {
                return new Node.Scalar(at, p.getText());
            }
        }
    }

    /**
     * SnakeYAML's first message line is often only its context ("while parsing a flow sequence");
     * the problem itself ("expected ',' or ']'") and where it was found come separately.
     */
    private static SyntaxError syntaxError(MarkedYAMLException m) {
        Mark at = m.getProblemMark();
        String message = "YAML syntax error: " + m.getProblem().strip();
        if (m.getContext() != null) {
            Mark from = m.getContextMark();
            message += " (" + m.getContext().strip()
                    + (from == null ? "" : " started at line " + (from.getLine() + 1) + ", column " + (from.getColumn() + 1))
                    + ")";
        }
        return new SyntaxError(new Node.Loc(at.getLine() + 1, at.getColumn() + 1), message);
    }

    private static Node.Loc loc(JsonLocation l) {
        return new Node.Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        String line = s.strip().lines().findFirst().orElse(s).strip();
        return line.isEmpty() ? "unreadable" : line;
    }
}
