package org.vigie.sensors.gpio;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A board of fake pins: tests set levels, fire edges (or not), and break pins. */
final class FakeBoard implements Board {

    final Map<Integer, FakePin> pins = new HashMap<>();
    /** When set, {@link #input} fails with this message. */
    String refuse;

    @Override
    public synchronized Pin input(String owner, int bcm, GpioSensorType.Pull pull) throws IOException {
        if (refuse != null) {
            throw new IOException(refuse);
        }
        FakePin pin = pins.computeIfAbsent(bcm, b -> new FakePin());
        pin.open = true;
        return pin;
    }

    FakePin pin(int bcm) {
        return pins.computeIfAbsent(bcm, b -> new FakePin());
    }

    static final class FakePin implements Pin {
        volatile boolean high;
        volatile boolean open;
        volatile String broken;
        private volatile Runnable onEdge = () -> { };

        /** Sets the level and tells the listener, as a provider that works would. */
        void set(boolean level) {
            high = level;
            onEdge.run();
        }

        /** Sets the level without telling anyone: a missed edge. */
        void setQuietly(boolean level) {
            high = level;
        }

        @Override
        public boolean high() throws IOException {
            if (broken != null) {
                throw new IOException(broken);
            }
            return high;
        }

        @Override
        public void onEdge(Runnable onEdge) {
            this.onEdge = onEdge;
        }

        @Override
        public String provider() {
            return "fake";
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
