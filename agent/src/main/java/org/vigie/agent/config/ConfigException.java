package org.vigie.agent.config;

import java.util.List;

/** A configuration that is not valid: every problem, one formatted line each. */
public final class ConfigException extends Exception {
    private final List<String> lines;

    ConfigException(List<String> lines) {
        super(lines.size() + " problem(s) in the configuration: " + (lines.isEmpty() ? "" : lines.get(0)));
        this.lines = List.copyOf(lines);
    }

    /** {@code FILE:LINE:COL: PATH: message}, in file order. */
    public List<String> lines() {
        return lines;
    }
}
