package org.vigie.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sensor's device says it is, published once (and again only if it changes) as the
 * retained {@code <agent-root>/sensors/<sensor>/info}:
 * {@code {"sensor":"ups-2","type":"nut","mfr":"Eaton","model":"5PX 1500","serial":"G123…"}}.
 *
 * @param sensor the sensor id
 * @param type   the driver type
 * @param info   the device's own words, by key ({@code mfr}, {@code model}, {@code serial}…)
 */
record SensorInfo(String sensor, String type, Map<String, String> info) {

    SensorInfo {
        info = Map.copyOf(new LinkedHashMap<>(info));
    }

    /** The topic under the agent root. */
    String topic(String root) {
        return root + "/sensors/" + sensor + "/info";
    }

    byte[] payload() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("sensor", sensor);
        n.put("type", type);
        new TreeMap<>(info).forEach((k, v) -> {
            if (!k.equals("sensor") && !k.equals("type")) {
                n.put(k, v);
            }
        });
        return Json.bytes(n);
    }
}
