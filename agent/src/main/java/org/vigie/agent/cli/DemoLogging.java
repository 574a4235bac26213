package org.vigie.agent.cli;

/** The demo prints its own timeline: the agent's log goes down to warnings. */
public final class DemoLogging {
    private DemoLogging() {
    }

    public static void quiet() {
        Logging.level("warn");
    }
}
