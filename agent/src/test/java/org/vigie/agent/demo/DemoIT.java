package org.vigie.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigie.agent.it.Mosquitto;

/**
 * {@code vigie demo} as a newcomer runs it, watched by the clients a newcomer uses: Debian's
 * mosquitto_sub with its defaults, paho-mqtt for Python (which pipelines SUBSCRIBE before CONNACK)
 * and Paho Java. The whole output is then read: no stack trace, the timeline in time order, and
 * durations in scenario time.
 */
class DemoIT {
    private static final Pattern PORT = Pattern.compile("embedded MQTT broker on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LINE = Pattern.compile("^  (\\d\\d):(\\d\\d)  (\\S+)");

    private final List<String> output = new ArrayList<>();

    @Test
    void standardClientsWatchTheDemoWhoseTimelineIsInScenarioTimeAndOrder() throws Exception {
        String jar = System.getProperty("vigie.jar");
        Assumptions.assumeTrue(jar != null && Files.exists(Path.of(jar)), "vigie.jar not built (run through failsafe)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_sub")),
                "mosquitto_sub is not installed (apt-get install mosquitto-clients); .ci/run installs it");
        Assumptions.assumeTrue(python("import paho.mqtt.client") == 0,
                "python3-paho-mqtt is not installed for /usr/bin/python3; .ci/run installs it");

        Process demo = new ProcessBuilder("java", "-jar", jar, "demo", "--port", Integer.toString(Mosquitto.freePort()))
                .redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        int[] port = new int[1];
        Thread reader = new Thread(() -> read(demo, started, port));
        reader.start();
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS), "no broker port printed: " + output);

            List<String> sub = run(List.of("/usr/bin/mosquitto_sub", "-p", Integer.toString(port[0]), "-t", "vigie/#", "-v",
                    "-C", "5", "-W", "15"));
            assertEquals(5, sub.size(), "mosquitto_sub with its defaults: " + sub);
            sub.forEach(l -> assertTrue(l.startsWith("vigie/"), l));

            Path script = Path.of(DemoIT.class.getResource("/demo/pipelined_subscribe.py").toURI());
            List<String> py = run(List.of("/usr/bin/python3", script.toString(), Integer.toString(port[0]), "vigie/#", "15"));
            assertTrue(py.get(py.size() - 1).startsWith("received ") && !py.get(py.size() - 1).startsWith("received 0"),
                    "pipelined paho-mqtt client: " + py);

            MqttClient paho = new MqttClient("tcp://127.0.0.1:" + port[0], "demo-it-paho", new MemoryPersistence());
            CountDownLatch got = new CountDownLatch(1);
            paho.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    got.countDown();
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            paho.connect();
            paho.subscribe("vigie/#", 1);
            assertTrue(got.await(15, TimeUnit.SECONDS), "Paho Java received nothing");
            paho.disconnect();
            paho.close();

            assertTrue(demo.waitFor(90, TimeUnit.SECONDS), "the demo did not end");
            reader.join(5000);
            assertEquals(0, demo.exitValue(), String.join("\n", output));
        } finally {
            demo.destroyForcibly();
        }

        String all = String.join("\n", output);
        assertFalse(all.contains("Exception") || all.contains("\tat "), "a stack trace or exception in:\n" + all);
        int previous = -1;
        int lines = 0;
        int timeline = output.indexOf("timeline, as read from MQTT (in scenario time, durations too):");
        assertTrue(timeline > 0, all);
        for (String l : output.subList(timeline, output.size())) {
            Matcher m = LINE.matcher(l);
            if (m.find()) {
                int at = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
                assertTrue(at >= previous, "out of time order at: " + l + "\n" + all);
                previous = at;
                lines++;
            }
        }
        assertTrue(lines > 20, all);
        assertTrue(all.contains("signed SHUTDOWN, 60 s countdown"), all);
        assertTrue(all.contains("°C per minute (limit 2 per minute)"), all);
        assertFalse(all.matches("(?s).*\\bper \\d+(ms|s)\\b.*"), "a compressed duration left:\n" + all);
        assertTrue(all.contains("every alarm cleared"), all);
    }

    private void read(Process demo, CountDownLatch started, int[] port) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                synchronized (output) {
                    output.add(l);
                }
                Matcher m = PORT.matcher(l);
                if (m.find()) {
                    port[0] = Integer.parseInt(m.group(1));
                    started.countDown();
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("(reading the demo's output: " + e.getMessage() + ")");
            }
        }
    }

    private static int python(String code) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return -1;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", code).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command + " did not end");
        List<String> lines = out.lines().toList();
        assertEquals(0, p.exitValue(), command + ": " + out);
        return lines;
    }
}
