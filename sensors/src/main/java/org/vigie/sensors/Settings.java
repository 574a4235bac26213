package org.vigie.sensors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A located, validating view of one mapping in the configuration file, given to a
 * {@link SensorType} to read its keys.
 *
 * <p>Every getter reports a problem (with the file, line, column and key path) instead of
 * throwing, and returns empty; the caller goes on reading so that every problem in a file is
 * reported at once. Keys never read by the type are reported as unknown after parsing.
 */
public interface Settings {

    /** The path of this mapping in the file, like {@code sensors[2]}. */
    String path();

    /** Whether {@code key} is present (and marks it as known). */
    boolean has(String key);

    Optional<String> string(String key);

    /** A string that must be present. */
    Optional<String> requiredString(String key);

    /** A string that must be one of {@code allowed}. */
    Optional<String> choice(String key, Set<String> allowed);

    OptionalDouble number(String key);

    /** An integer within {@code [min, max]}. */
    OptionalLong integer(String key, long min, long max);

    Optional<Boolean> bool(String key);

    /** A duration string such as {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}; must be positive. */
    Optional<Duration> duration(String key);

    /** A duration where {@code 0s} is allowed: a delay, or an offset in time. */
    Optional<Duration> delay(String key);

    /** A list of scalars, as strings. */
    Optional<List<String>> strings(String key);

    /** A list of mappings, each a nested {@code Settings} with its own unknown-key check. */
    Optional<List<Settings>> objects(String key);

    /** The raw scalar of {@code key} as written ({@code true}, {@code 21.5}, {@code "abc"}), typed as YAML reads it. */
    Optional<Object> scalar(String key);

    /**
     * A file the sensor reads when it starts (a secret, a CA certificate), missing when
     * {@code required}. The agent's configuration resolves a relative path against the
     * configuration file's folder and reports a file that does not exist or cannot be read, as
     * {@code vigie check} must; this default takes the path as written.
     */
    default Optional<java.nio.file.Path> readableFile(String key, boolean required) {
        return (required ? requiredString(key) : string(key)).map(java.nio.file.Path::of);
    }

    /** Reports a problem at {@code key}'s location (or at this mapping when the key is absent). */
    void problem(String key, String message);

    /** Reports a problem of item {@code index} of {@link #strings(String) strings(key)}, where that item is written. */
    default void problem(String key, int index, String message) {
        problem(key, message);
    }
}
