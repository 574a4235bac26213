package org.vigie.sensors.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Scaling;
import org.vigie.sensors.Sensor;

/** Reads the first number in a file at every poll. A missing or unreadable file is a fault. */
final class FileSensor implements Sensor {

    static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    /** Files larger than this are read only up to here: the number is at the start. */
    private static final int MAX_BYTES = 4096;

    private final FileSensorType.Spec spec;

    FileSensor(FileSensorType.Spec spec) {
        this.spec = spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public List<Reading> read(Instant now) throws IOException {
        String text;
        try (var in = Files.newInputStream(spec.path())) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(spec.path() + ": " + describe(e), e);
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return List.of(Reading.fault(spec.id(), now, spec.path() + ": no number in the file"));
        }
        double raw = Double.parseDouble(m.group());
        return List.of(Reading.number(spec.id(), Scaling.apply(raw, spec.scale(), spec.offset()), now));
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
