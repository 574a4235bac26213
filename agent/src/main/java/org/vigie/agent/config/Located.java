package org.vigie.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigie.sensors.Settings;

/**
 * A mapping of the configuration with its location: typed getters that report problems (with
 * line, column and key path) and return empty, and a record of which keys were read, so every
 * key nobody reads is reported as unknown — a typo must not silently disable an alarm.
 */
final class Located implements Settings {

    static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final Node.Mapping node;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new HashSet<>();
    private final List<Located> children = new ArrayList<>();
    private final java.nio.file.Path file;

    /** @param file the configuration file, against whose folder relative file names resolve */
    Located(Node.Mapping node, String path, Problems problems, java.nio.file.Path file) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.file = file;
    }

    Located(Node.Mapping node, String path, Problems problems) {
        this(node, path, problems, null);
    }

    Node.Loc loc() {
        return node.loc();
    }

    @Override
    public String path() {
        return path;
    }

    String pathOf(String key) {
        return Paths.key(path, key);
    }

    /** Reports keys never read, here and in every child mapping obtained from this one. */
    void reportUnknownKeys() {
        List<String> vocabulary = read.stream().filter(k -> !node.entries().containsKey(k)).sorted().toList();
        for (Map.Entry<String, Node.Entry> e : node.entries().entrySet()) {
            if (!read.contains(e.getKey())) {
                String close = Suggest.closest(e.getKey(), vocabulary);
                problems.add(e.getValue().keyLoc(), pathOf(e.getKey()),
                        "unknown key" + (close == null ? "" : "; did you mean " + close + "?"));
            }
        }
        for (Located child : children) {
            child.reportUnknownKeys();
        }
    }

    /** Marks every key as known: used when the type that would read them is itself wrong. */
    void knownAll() {
        read.addAll(node.entries().keySet());
    }

    /** Marks a key as known without reading it (handled elsewhere). */
    void known(String key) {
        read.add(key);
    }

    Optional<Node> node(String key) {
        read.add(key);
        Node.Entry e = node.entries().get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    Node.Loc locOf(String key) {
        Node.Entry e = node.entries().get(key);
        return e == null ? node.loc() : e.value().loc();
    }

    @Override
    public boolean has(String key) {
        read.add(key);
        return node.entries().containsKey(key);
    }

    /**
     * Reports a problem at {@code key}. A "missing…" problem of a key that is absent becomes, when
     * a key written here is a likely misspelling of it, that key's "unknown key; did you mean"
     * (see {@link #missing}): one problem, named where the typo is.
     */
    @Override
    public void problem(String key, String message) {
        if (message.startsWith("missing") && !node.entries().containsKey(key)) {
            missing(List.of(key), key, message);
            return;
        }
        problems.add(locOf(key), pathOf(key), message);
    }

    /**
     * Reports a problem of item {@code index} of {@link #strings(String) strings(key)}, where that
     * item is written. The index counts the values only, as {@code strings} does: an item that is
     * not a value (already reported) does not shift the place of the ones after it.
     */
    @Override
    public void problem(String key, int index, String message) {
        Node.Entry e = node.entries().get(key);
        if (e != null && e.value() instanceof Node.Sequence seq) {
            int seen = -1;
            for (int i = 0; i < seq.items().size(); i++) {
                Node item = seq.items().get(i);
                if (item instanceof Node.Scalar sc && sc.value() != null && ++seen == index) {
                    problems.add(item.loc(), Paths.index(pathOf(key), i), message);
                    return;
                }
            }
        }
        problems.add(locOf(key), Paths.index(pathOf(key), index), message);
    }

    private Optional<Object> scalarValue(String key, String expected) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (!(n.get() instanceof Node.Scalar s)) {
            problem(key, "must be " + expected + ", was " + Node.describe(n.get()));
            return Optional.empty();
        }
        if (s.value() == null) {
            problem(key, "must be " + expected + ", was empty");
            return Optional.empty();
        }
        return Optional.of(s.value());
    }

    @Override
    public Optional<Object> scalar(String key) {
        return scalarValue(key, "a value");
    }

    @Override
    public Optional<String> string(String key) {
        Optional<Object> v = scalarValue(key, "a string");
        if (v.isPresent() && !(v.get() instanceof String)) {
            problem(key, "must be a string, was " + v.get());
            return Optional.empty();
        }
        return v.map(String.class::cast);
    }

    @Override
    public Optional<String> requiredString(String key) {
        if (!has(key)) {
            problem(key, "missing");
            return Optional.empty();
        }
        return string(key);
    }

    /**
     * Reports that a required key is absent — unless a key written here that nobody has read is
     * a likely misspelling of one of {@code expected}: then that key alone is reported, as unknown
     * with "did you mean", which says both (and it is not reported again as unknown).
     */
    void missing(List<String> expected, String key, String message) {
        for (Map.Entry<String, Node.Entry> e : node.entries().entrySet()) {
            String close = read.contains(e.getKey()) ? null : Suggest.closest(e.getKey(), expected);
            if (close != null) {
                read.add(e.getKey());
                problems.add(e.getValue().keyLoc(), pathOf(e.getKey()), "unknown key; did you mean " + close + "?");
                return;
            }
        }
        problems.add(locOf(key), pathOf(key), message);
    }

    Optional<String> identifier(String key, boolean required) {
        Optional<String> s = required ? requiredString(key) : string(key);
        if (s.isPresent() && !IDENTIFIER.matcher(s.get()).matches()) {
            problem(key, "must match [a-z0-9][a-z0-9_-]*, was " + s.get());
            return Optional.empty();
        }
        return s;
    }

    @Override
    public Optional<String> choice(String key, Set<String> allowed) {
        Optional<String> s = scalarValue(key, "one of " + allowed).map(Object::toString);
        if (s.isPresent() && !allowed.contains(s.get())) {
            problem(key, "must be one of " + allowed.stream().sorted().toList() + ", was " + s.get());
            return Optional.empty();
        }
        return s;
    }

    @Override
    public OptionalDouble number(String key) {
        Optional<Object> v = scalarValue(key, "a number");
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (v.get() instanceof Long l) {
            return OptionalDouble.of(l);
        }
        if (v.get() instanceof Double d && Double.isFinite(d)) {
            return OptionalDouble.of(d);
        }
        problem(key, "must be a number, was " + v.get());
        return OptionalDouble.empty();
    }

    @Override
    public OptionalLong integer(String key, long min, long max) {
        Optional<Object> v = scalarValue(key, "an integer");
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!(v.get() instanceof Long l)) {
            problem(key, "must be an integer, was " + v.get());
            return OptionalLong.empty();
        }
        if (l < min || l > max) {
            problem(key, "must be between " + min + " and " + max + ", was " + l);
            return OptionalLong.empty();
        }
        return OptionalLong.of(l);
    }

    @Override
    public Optional<Boolean> bool(String key) {
        Optional<Object> v = scalarValue(key, "true or false");
        if (v.isPresent() && !(v.get() instanceof Boolean)) {
            problem(key, "must be true or false, was " + v.get());
            return Optional.empty();
        }
        return v.map(Boolean.class::cast);
    }

    @Override
    public Optional<Duration> duration(String key) {
        Optional<Object> v = scalarValue(key, "a duration like 250ms, 10s, 5m, 1h");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> d = Durations.parse(v.get().toString());
        if (d.isEmpty()) {
            problem(key, "must be a duration like 250ms, 10s, 5m, 1h, was " + v.get());
            return Optional.empty();
        }
        if (d.get().isZero()) {
            problem(key, "must be longer than 0, was " + v.get());
            return Optional.empty();
        }
        return d;
    }

    @Override
    public Optional<Duration> delay(String key) {
        Optional<Object> v = scalarValue(key, "a duration like 250ms, 10s, 5m, 1h");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> d = Durations.parse(v.get().toString());
        if (d.isEmpty()) {
            problem(key, "must be a duration like 0s, 250ms, 10s, 5m, 1h, was " + v.get());
        }
        return d;
    }

    /** Resolved against the configuration's folder; a file that cannot be read is a problem. */
    @Override
    public Optional<java.nio.file.Path> readableFile(String key, boolean required) {
        if (required && !has(key)) {
            problem(key, "missing");
            return Optional.empty();
        }
        return Optional.ofNullable(file == null ? string(key).map(java.nio.file.Path::of).orElse(null)
                : ConfigFile.readableFile(this, key, file));
    }

    /** One scalar of a list, with where it is written. */
    record Item(String text, Node.Loc loc, String path) {
    }

    /** The list at {@code key}, or empty (with a problem when it is there but not a list). */
    private Optional<Node.Sequence> sequence(String key) {
        Optional<Node> n = node(key);
        if (n.isPresent() && !(n.get() instanceof Node.Sequence)) {
            problem(key, "must be a list, was " + Node.describe(n.get()));
            return Optional.empty();
        }
        return n.map(Node.Sequence.class::cast);
    }

    /** A list of scalars, each with its location, so a problem points at the item itself. */
    Optional<List<Item>> items(String key) {
        Optional<Node.Sequence> found = sequence(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Node.Sequence seq = found.get();
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            Node item = seq.items().get(i);
            String p = Paths.index(pathOf(key), i);
            if (item instanceof Node.Scalar s && s.value() != null) {
                out.add(new Item(s.value() instanceof Boolean ? s.text() : s.value().toString(), item.loc(), p));
            } else {
                problems.add(item.loc(), p, "must be a value, was " + Node.describe(item));
            }
        }
        return Optional.of(out);
    }

    /** Reports a problem at one item of a list. */
    void problem(Item item, String message) {
        problems.add(item.loc(), item.path(), message);
    }

    @Override
    public Optional<List<String>> strings(String key) {
        return items(key).map(l -> l.stream().map(Item::text).toList());
    }

    @Override
    public Optional<List<Settings>> objects(String key) {
        return mappings(key).map(List::copyOf);
    }

    /** A list of mappings. */
    Optional<List<Located>> mappings(String key) {
        Optional<Node.Sequence> found = sequence(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Node.Sequence seq = found.get();
        List<Located> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            Node item = seq.items().get(i);
            String p = Paths.index(pathOf(key), i);
            if (item instanceof Node.Mapping m) {
                Located child = new Located(m, p, problems, file);
                children.add(child);
                out.add(child);
            } else {
                problems.add(item.loc(), p, "must be a mapping, was " + Node.describe(item));
            }
        }
        return Optional.of(out);
    }

    /** A nested mapping. */
    Optional<Located> mapping(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (!(n.get() instanceof Node.Mapping m)) {
            problem(key, "must be a mapping, was " + Node.describe(n.get()));
            return Optional.empty();
        }
        Located child = new Located(m, pathOf(key), problems, file);
        children.add(child);
        return Optional.of(child);
    }
}
