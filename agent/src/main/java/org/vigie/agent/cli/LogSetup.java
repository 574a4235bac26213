package org.vigie.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, in code rather than a {@code logback.xml}: one line per event on
 * stdout, the level from {@code VIGIE_LOG_LEVEL} (default INFO; the run option log-level changes
 * it later), the chatty libraries at WARN. Reading XML would load the JDK's XML parser and
 * Logback's configuration model, about 370 classes and 4.5 MB of the agent's resident memory
 * (docs/performance.md, "Debian packages"). Found by Logback through {@code META-INF/services}.
 * A user's own file given with {@code -Dlogback.configurationFile} wins: this then steps aside
 * and Logback's own configurator reads that file (docs/logging.md).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";
    private static final String[] QUIET = {"io.moquette", "io.netty", "org.h2", "com.pi4j"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("VIGIE_LOG_LEVEL"), Level.INFO));
        root.addAppender(stdout);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
