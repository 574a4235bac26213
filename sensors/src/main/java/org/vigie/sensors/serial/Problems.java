package org.vigie.sensors.serial;

/** Problem texts of the link layer, reshaped for a sensor's context. */
public final class Problems {

    private Problems() {
    }

    /**
     * The message without a leading {@code PATH: }, for a sensor whose context already names the
     * port: {@code meter-1 /dev/ttyUSB0 unit 1: port disconnected}, not the path twice.
     */
    public static String withoutPath(Exception e, String path) {
        return withoutPath(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), path);
    }

    public static String withoutPath(String message, String path) {
        String prefix = path + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * What a sensor on a serial port does when the port is lost: every channel of {@code spec}
     * turns {@code fault} at once, with the loss in words ({@code context} first).
     */
    public static java.util.function.Consumer<String> faultOnLoss(org.vigie.sensors.SensorSpec spec, String context,
            String path, java.time.Clock clock, java.util.function.Consumer<org.vigie.sensors.Reading> sink) {
        return problem -> {
            java.time.Instant now = clock.instant();
            String text = context + ": " + withoutPath(problem, path);
            spec.channels().forEach(c -> sink.accept(org.vigie.sensors.Reading.fault(c.address(), now, text)));
        };
    }
}
