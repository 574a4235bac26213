package org.vigie.sensors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake {@link Settings} over a plain map, for drivers' unit tests: problems are collected as
 * {@code PATH.key: message} strings instead of located lines.
 */
public final class MapSettings implements Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String path;
    private final Map<String, Object> map;
    private final List<String> problems;
    private final Set<String> used = new HashSet<>();

    public MapSettings(Map<String, Object> map) {
        this("sensors[0]", map, new ArrayList<>());
    }

    private MapSettings(String path, Map<String, Object> map, List<String> problems) {
        this.path = path;
        this.map = map;
        this.problems = problems;
    }

    /** Every problem reported so far, this mapping's and its children's. */
    public List<String> problems() {
        return problems;
    }

    /** Keys present but never read. */
    public Set<String> unused() {
        Set<String> unused = new HashSet<>(map.keySet());
        unused.removeAll(used);
        return unused;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean has(String key) {
        used.add(key);
        return map.containsKey(key);
    }

    private Object get(String key) {
        used.add(key);
        return map.get(key);
    }

    @Override
    public Optional<String> string(String key) {
        Object v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            problem(key, "must be a string");
            return Optional.empty();
        }
        return Optional.of(v.toString());
    }

    @Override
    public Optional<String> requiredString(String key) {
        if (!has(key)) {
            problem(key, "missing");
        }
        return string(key);
    }

    @Override
    public Optional<String> choice(String key, Set<String> allowed) {
        Optional<String> s = string(key);
        if (s.isPresent() && !allowed.contains(s.get())) {
            problem(key, "must be one of " + allowed + ", was " + s.get());
            return Optional.empty();
        }
        return s;
    }

    @Override
    public OptionalDouble number(String key) {
        Object v = get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        problem(key, "must be a number, was " + v);
        return OptionalDouble.empty();
    }

    @Override
    public OptionalLong integer(String key, long min, long max) {
        Object v = get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v instanceof Integer || v instanceof Long) {
            long l = ((Number) v).longValue();
            if (l < min || l > max) {
                problem(key, "must be between " + min + " and " + max + ", was " + l);
                return OptionalLong.empty();
            }
            return OptionalLong.of(l);
        }
        problem(key, "must be an integer, was " + v);
        return OptionalLong.empty();
    }

    @Override
    public Optional<Boolean> bool(String key) {
        Object v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        problem(key, "must be true or false, was " + v);
        return Optional.empty();
    }

    @Override
    public Optional<Duration> delay(String key) {
        Optional<String> s = string(key);
        if (s.isPresent() && s.get().matches("0(ms|s|m|h)")) {
            return Optional.of(Duration.ZERO);
        }
        return duration(key);
    }

    @Override
    public Optional<Duration> duration(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(s.get());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            problem(key, "must be a positive duration like 250ms, 10s, 5m, 1h, was " + s.get());
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    @Override
    public Optional<List<String>> strings(String key) {
        Object v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof List<?> l) {
            return Optional.of(l.stream().map(String::valueOf).toList());
        }
        problem(key, "must be a list");
        return Optional.empty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<Settings>> objects(String key) {
        Object v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof List<?> l)) {
            problem(key, "must be a list");
            return Optional.empty();
        }
        List<Settings> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(new MapSettings(path + "." + key + "[" + i + "]", (Map<String, Object>) l.get(i), problems));
        }
        return Optional.of(out);
    }

    @Override
    public Optional<Object> scalar(String key) {
        return Optional.ofNullable(get(key));
    }

    @Override
    public void problem(String key, String message) {
        problems.add(path + "." + key + ": " + message);
    }

    @Override
    public void problem(String key, int index, String message) {
        problems.add(path + "." + key + "[" + index + "]: " + message);
    }
}
