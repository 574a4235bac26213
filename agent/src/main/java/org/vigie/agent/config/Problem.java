package org.vigie.agent.config;

/** One configuration problem, where it is and what is wrong. */
record Problem(Node.Loc loc, String path, String message) {

    /** {@code FILE:LINE:COL: PATH: message}. */
    String format(String file) {
        return file + ":" + loc.line() + ":" + loc.column() + ": " + (path.isEmpty() ? Paths.ROOT : path) + ": " + message;
    }
}
