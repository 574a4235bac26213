package org.vigie.agent.cli;

/** The demo prints its own timeline from MQTT: the agent's own log shows errors only. */
public final class DemoLogging {
    private DemoLogging() {
    }

    public static void quiet() {
        Logging.level("error");
        // The embedded broker's internals are not part of the story; its clients' troubles show as such.
        for (String name : new String[] {"io.moquette", "io.netty"}) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }
}
