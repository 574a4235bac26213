package org.vigie.sensors.onewire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorBase;

/** Every folder of {@code src/test/resources/onewire/}: a fake w1 sysfs tree and what a read gives. */
class OneWireCasesTest {

    private static final SensorBase BASE =
            new SensorBase("t1", "onewire", null, null, Duration.ofSeconds(10), Duration.ofSeconds(30));

    @TestFactory
    Stream<DynamicTest> cases() throws Exception {
        Path root = Path.of(OneWireCasesTest.class.getResource("/onewire").toURI());
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(folders.size() >= 8, "cases found: " + folders);
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> run(folder)));
    }

    private static void run(Path folder) throws Exception {
        Properties c = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("case.properties"), StandardCharsets.UTF_8)) {
            c.load(in);
        }
        Path devices = folder.resolve("devices");
        var spec = new OneWireSensorType.Spec(BASE, c.getProperty("device"), devices);
        Reading r;
        try (var sensor = new OneWireSensorType().open(spec, null)) {
            r = sensor.read(Instant.EPOCH).get(0);
        }
        assertEquals("t1", r.channel());
        if (c.getProperty("expect").equals("good")) {
            assertEquals(Quality.GOOD, r.quality(), r::toString);
            assertEquals(Double.parseDouble(c.getProperty("value")), (Double) r.value(), 1e-9);
        } else {
            assertEquals(Quality.FAULT, r.quality(), r::toString);
            String expected = c.getProperty("problem").replace("${path}", devices.toString());
            assertNotNull(r.problem());
            assertTrue(r.problem().startsWith(expected), () -> "problem\n  was: " + r.problem() + "\n want: " + expected + "…");
        }
    }
}
