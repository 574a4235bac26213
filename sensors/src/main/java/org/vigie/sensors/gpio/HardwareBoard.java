package org.vigie.sensors.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.library.pigpio.PiGpio;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.pigpio.provider.gpio.digital.PiGpioDigitalInputProvider;
import com.pi4j.provider.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's own GPIO through Pi4J: the GpioD provider first (every Pi including the Pi 5, no
 * root needed, only membership of the {@code gpio} group), then pigpio (Pi 1 to 4, needs root) for
 * boards where GpioD does not work. One Pi4J context per provider, made on first use and shut down
 * whenever no pin is open any more (also after a failed claim); Pi4J's own shutdown hook is off:
 * the agent closes its sensors.
 *
 * <p>Without a {@code /dev/gpiochip*} device no Pi4J context is made at all: Pi4J logs board
 * detection errors on machines that are not a Pi, and there is nothing for it to find.
 */
final class HardwareBoard implements Board {

    private static final Logger LOG = LoggerFactory.getLogger(HardwareBoard.class);

    /** The board of this JVM. */
    static final HardwareBoard SHARED = new HardwareBoard(Path.of("/dev"));

    private final Path dev;
    private final Map<String, Context> contexts = new LinkedHashMap<>();
    /** Providers whose context could not be made, with why: not tried again. */
    private final Map<String, String> broken = new LinkedHashMap<>();
    private int open;

    HardwareBoard(Path dev) {
        this.dev = dev;
    }

    @Override
    public synchronized Pin input(String owner, int bcm, GpioSensorType.Pull pull) throws IOException {
        String missing = missingGpio();
        if (missing != null) {
            throw new IOException(missing);
        }
        List<String> problems = new ArrayList<>();
        for (String provider : List.of(GpioDDigitalInputProvider.ID, PiGpioDigitalInputProvider.ID)) {
            try {
                Pin pin = new Pi4jBoard(context(provider), provider).input(owner, bcm, pull);
                open++;
                return new CountedPin(pin);
            } catch (IOException e) {
                problems.add(provider + ": " + e.getMessage());
            }
        }
        if (open == 0) {
            shutdownContexts();
        }
        throw new IOException(String.join("; ", problems));
    }

    /** Why this machine has no GPIO at all, or {@code null} when it has a gpiochip device. */
    String missingGpio() {
        if (!Files.isDirectory(dev)) {
            return "no GPIO on this machine: no " + dev + " directory";
        }
        try (Stream<Path> entries = Files.list(dev)) {
            if (entries.noneMatch(p -> p.getFileName().toString().startsWith("gpiochip"))) {
                return "no GPIO on this machine: no " + dev + "/gpiochip* device"
                        + " (not a Raspberry Pi, or GPIO not passed to this container)";
            }
            return null;
        } catch (IOException e) {
            return "no GPIO on this machine: listing " + dev + ": " + e.getMessage();
        }
    }

    private Context context(String provider) throws IOException {
        String failed = broken.get(provider);
        if (failed != null) {
            throw new IOException(failed);
        }
        Context context = contexts.get(provider);
        if (context != null) {
            return context;
        }
        Supplier<Provider> factory = provider.equals(GpioDDigitalInputProvider.ID)
                ? GpioDDigitalInputProvider::newInstance
                : () -> PiGpioDigitalInputProvider.newInstance(PiGpio.newNativeInstance());
        try {
            context = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().add(factory.get()).build();
        } catch (RuntimeException | LinkageError e) {
            String why = "starting Pi4J: " + Pi4jBoard.describe(e);
            broken.put(provider, why);
            throw new IOException(why, e);
        }
        contexts.put(provider, context);
        return context;
    }

    private synchronized void released() {
        open--;
        if (open == 0) {
            shutdownContexts();
        }
    }

    private void shutdownContexts() {
        contexts.forEach((provider, context) -> {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("gpio: shutting down the Pi4J {} context: {}", provider, Pi4jBoard.describe(e));
            }
        });
        contexts.clear();
    }

    /** Shuts the shared contexts down with the last pin. */
    private final class CountedPin implements Pin {
        private final Pin pin;
        private boolean closed;

        CountedPin(Pin pin) {
            this.pin = pin;
        }

        @Override
        public boolean high() throws IOException {
            return pin.high();
        }

        @Override
        public void onEdge(Runnable onEdge) {
            pin.onEdge(onEdge);
        }

        @Override
        public String provider() {
            return pin.provider();
        }

        @Override
        public void close() {
            synchronized (HardwareBoard.this) {
                if (closed) {
                    return;
                }
                closed = true;
                pin.close();
                released();
            }
        }
    }
}
