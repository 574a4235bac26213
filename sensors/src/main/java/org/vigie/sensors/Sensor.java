package org.vigie.sensors;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running driver for one configured sensor.
 *
 * <p>The contract (after NUT's driver lifecycle): {@link SensorType#open} may refuse to start;
 * once open, a sensor never ends the process. A device that stops answering is reported as a
 * reading of quality {@code fault} (or by throwing {@link IOException} from {@link #read}, which
 * the framework turns into {@code fault} for every channel), and the next read tries again.
 */
public interface Sensor extends AutoCloseable {

    /** The configured sensor id. */
    String id();

    /**
     * Reads every channel once. Called by the framework every {@code interval}, never concurrently
     * with itself.
     *
     * @throws IOException when the device could not be read at all
     */
    List<Reading> read(Instant now) throws IOException;

    /**
     * For event-driven drivers (GPIO edges, traps): readings pushed between polls go to
     * {@code sink}, from any thread. Polled drivers ignore it.
     */
    default void start(Consumer<Reading> sink) {
    }

    /**
     * What the device says it is ({@code mfr}, {@code model}, {@code serial}, {@code firmware}…),
     * once known; empty until then, or for drivers that cannot tell. Asked after every read; the
     * agent publishes it (retained, {@code sensors/<id>/info}) when it changes. Never blocks.
     */
    default Map<String, String> info() {
        return Map.of();
    }

    /** Releases the device. Never throws. */
    @Override
    default void close() {
    }
}
