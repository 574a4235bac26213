package org.vigie.sensors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensorTypesTest {

    @Test
    void theGpioOneWireAndHostDriversAreRegistered() {
        for (String name : List.of("gpio", "onewire", "host")) {
            assertTrue(SensorTypes.byName(name).isPresent(), name);
        }
        assertTrue(SensorTypes.names().containsAll(List.of("file", "sim", "gpio", "onewire", "host")));
    }
}
