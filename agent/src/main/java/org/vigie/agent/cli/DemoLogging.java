package org.vigie.agent.cli;

/** The demo prints its own timeline from MQTT: the agent's own log shows errors only. */
public final class DemoLogging {
    private DemoLogging() {
    }

    public static void quiet() {
        Logging.level("error");
    }
}
