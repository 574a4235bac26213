package org.vigie.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    @Test
    void oneLineOnStdoutAtInfoWithTheLibrariesQuiet() {
        LoggerContext context = new LoggerContext();
        new LogSetup().configure(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(System.getenv("VIGIE_LOG_LEVEL") == null ? Level.INFO
                : Level.toLevel(System.getenv("VIGIE_LOG_LEVEL"), Level.INFO), root.getLevel());
        var stdout = (ConsoleAppender<?>) root.getAppender("STDOUT");
        assertNotNull(stdout);
        assertTrue(stdout.isStarted());
        assertEquals(LogSetup.PATTERN, ((PatternLayoutEncoder) stdout.getEncoder()).getPattern());
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
        assertEquals(Level.WARN, context.getLogger("com.pi4j").getLevel());
    }

    @Test
    void logbackFindsItInsteadOfAnXmlFile() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"), "configured by LogSetup");
        assertEquals(Level.WARN, context.getLogger("io.moquette").getLevel());
    }
}
