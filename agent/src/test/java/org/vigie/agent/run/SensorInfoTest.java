package org.vigie.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorInfoTest {

    @Test
    void payloadHasSensorAndTypeThenTheDevicesWordsSorted() {
        SensorInfo i = new SensorInfo("ups-2", "nut", Map.of("serial", "G116F15000", "mfr", "EATON",
                "model", "Eaton 5PX 1500", "type", "ups", "sensor", "spoofed"));
        assertEquals("vigie/dc1/room-b1/sensors/ups-2/info", i.topic("vigie/dc1/room-b1"));
        assertEquals("{\"sensor\":\"ups-2\",\"type\":\"nut\",\"mfr\":\"EATON\",\"model\":\"Eaton 5PX 1500\","
                + "\"serial\":\"G116F15000\"}", new String(i.payload(), StandardCharsets.UTF_8),
                "a device cannot overwrite sensor or type");
    }
}
