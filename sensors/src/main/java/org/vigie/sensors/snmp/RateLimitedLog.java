package org.vigie.sensors.snmp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/** One warning per key per period: a flood of bad traps must not flood the log. */
final class RateLimitedLog {

    private static final int MAX_KEYS = 1024;

    private final Logger log;
    private final long periodMillis;
    private final Map<String, Long> last = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_KEYS;
        }
    };

    RateLimitedLog(Logger log, long periodMillis) {
        this.log = log;
        this.periodMillis = periodMillis;
    }

    /** Logs {@code message} unless a line for {@code key} was logged less than a period ago. */
    synchronized boolean log(String key, String message) {
        long now = System.currentTimeMillis();
        Long previous = last.get(key);
        if (previous != null && now - previous < periodMillis) {
            return false;
        }
        last.put(key, now);
        log.warn(message);
        return true;
    }
}
