package org.vigie.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code --log-level} and {@code VIGIE_LOG_LEVEL}: {@code LEVEL[,LOGGER=LEVEL…]}. */
class LoggingTest {

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    @AfterEach
    void reset() {
        logger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        logger("com.pi4j").setLevel(Level.WARN);
        logger("org.vigie.sensors.snmp").setLevel(null);
    }

    @Test
    void setsTheRootAndOneLoggerEach() {
        assertNull(Logging.level("warn, com.pi4j=error,org.vigie.sensors.snmp=DEBUG"));
        assertEquals(Level.WARN, logger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.ERROR, logger("com.pi4j").getLevel());
        assertEquals(Level.DEBUG, logger("org.vigie.sensors.snmp").getLevel());
        assertEquals(Level.DEBUG, logger("org.vigie.sensors.snmp.SnmpSensor").getEffectiveLevel());
    }

    @Test
    void aWrongItemIsNamedAndNothingIsApplied() {
        assertEquals("unknown level loud in com.pi4j=error,loud; levels are error, warn, info, debug, trace, off",
                Logging.level("com.pi4j=error,loud"));
        assertEquals(Level.WARN, logger("com.pi4j").getLevel());
        assertEquals("a logger name is missing before = in =debug", Logging.level("=debug"));
    }
}
