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
}
