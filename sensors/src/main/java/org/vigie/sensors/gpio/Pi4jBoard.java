package org.vigie.sensors.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Board} on one Pi4J context: the real providers ({@link HardwareBoard}) or the mock
 * platform in tests. The context belongs to whoever made it; this only creates and shuts down its
 * own inputs. Pi4J's debounce is set to 0: vigie debounces itself (some providers ignore it).
 */
final class Pi4jBoard implements Board {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jBoard.class);

    private final Context context;
    private final String providerId;

    /** @param providerId the Pi4J digital input provider to use, or {@code null} for the context's default */
    Pi4jBoard(Context context, String providerId) {
        this.context = context;
        this.providerId = providerId;
    }

    @Override
    public Pin input(String owner, int bcm, GpioSensorType.Pull pull) throws IOException {
        try {
            DigitalInputConfigBuilder config = DigitalInput.newConfigBuilder(context)
                    .id(owner).name(owner).address(bcm).pull(pi4j(pull)).debounce(0L);
            if (providerId != null) {
                config.provider(providerId);
            }
            DigitalInput input = context.create(config.build());
            return new Pi4jPin(context, input, bcm);
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("BCM " + bcm + ": " + describe(e), e);
        }
    }

    private static PullResistance pi4j(GpioSensorType.Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
    }

    /** The messages of a Pi4J failure and its causes, outermost first, without repeats. */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m.trim()))) {
                parts.add(m.trim());
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }

    private static final class Pi4jPin implements Pin {
        private final Context context;
        private final DigitalInput input;
        private final int bcm;

        Pi4jPin(Context context, DigitalInput input, int bcm) {
            this.context = context;
            this.input = input;
            this.bcm = bcm;
        }

        @Override
        public boolean high() throws IOException {
            DigitalState state;
            try {
                state = input.state();
            } catch (RuntimeException e) {
                throw new IOException("BCM " + bcm + ": reading the level: " + describe(e), e);
            }
            if (state == DigitalState.HIGH) {
                return true;
            }
            if (state == DigitalState.LOW) {
                return false;
            }
            throw new IOException("BCM " + bcm + ": the provider reports the level as " + state);
        }

        @Override
        public void onEdge(Runnable onEdge) {
            input.addListener(event -> onEdge.run());
        }

        @Override
        public String provider() {
            return input.provider().id();
        }

        @Override
        public void close() {
            try {
                context.shutdown(input.id());
            } catch (RuntimeException e) {
                LOG.warn("gpio: releasing BCM {} ({}): {}", bcm, input.id(), describe(e));
            }
        }
    }
}
