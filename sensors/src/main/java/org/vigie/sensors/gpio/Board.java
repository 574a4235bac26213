package org.vigie.sensors.gpio;

import java.io.IOException;

/**
 * The GPIO lines a {@code gpio} sensor uses, behind the smallest interface its logic needs: read a
 * level, hear about edges. {@link Pi4jBoard} is the real one; tests also use a fake.
 */
interface Board {

    /**
     * Claims {@code bcm} as an input.
     *
     * @param owner a name for the line, unique on this board (used by Pi4J as the I/O id)
     * @throws IOException when the line cannot be had; the message says why (no GPIO, pin busy…)
     */
    Pin input(String owner, int bcm, GpioSensorType.Pull pull) throws IOException;

    /** One claimed input line. */
    interface Pin extends AutoCloseable {

        /** The level now: {@code true} for high. */
        boolean high() throws IOException;

        /**
         * Calls {@code onEdge} after every level change the provider notices, from any thread. The
         * provider may miss or duplicate edges: callers read {@link #high()} to know the level.
         */
        void onEdge(Runnable onEdge);

        /** What drives the line, for the log: the Pi4J provider id. */
        String provider();

        /** Releases the line. Never throws. */
        @Override
        void close();
    }
}
