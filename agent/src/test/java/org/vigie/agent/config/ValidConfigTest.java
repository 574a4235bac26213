package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.RuleConfig.Direction;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.ValueType;
import org.vigie.sensors.file.FileSensorType;
import org.vigie.sensors.sim.SimSensorType;

/** Valid configurations load, and the records say what the file said (or the documented defaults). */
class ValidConfigTest {

    private static Path file(String name) throws Exception {
        return Path.of(ValidConfigTest.class.getResource("/config-valid/" + name).toURI());
    }

    private static AgentConfig load(String name) throws Exception {
        try {
            return AgentConfigLoader.load(file(name));
        } catch (ConfigException e) {
            throw new AssertionError(name + " must load:\n" + String.join("\n", e.lines()), e);
        }
    }

    @Test
    void minimalConfigGetsTheDocumentedDefaults() throws Exception {
        AgentConfig c = load("minimal.yaml");
        assertEquals("dc1", c.site());
        assertEquals("room-b1", c.agent());
        assertEquals("vigie/dc1/room-b1", c.root());
        assertEquals(Path.of("/var/lib/vigie"), c.stateDir());
        assertEquals(List.of(URI.create("tcp://127.0.0.1:1883")), c.mqtt().urls());
        assertEquals("vigie-dc1-room-b1", c.mqtt().clientId());
        assertNull(c.mqtt().username());
        assertNull(c.mqtt().passwordFile());
        assertNull(c.mqtt().tls());
        assertEquals(Duration.ofSeconds(10), c.telemetryInterval());
        assertEquals(List.of(), c.rules());

        FileSensorType.Spec s = assertInstanceOf(FileSensorType.Spec.class, c.sensors().get(0));
        assertEquals(Path.of("/run/room-temp"), s.path());
        assertEquals(1.0, s.scale());
        assertEquals(0.0, s.offset());
        assertEquals(Duration.ofSeconds(5), s.base().interval());
        assertEquals(Duration.ofSeconds(15), s.base().staleAfter(), "stale_after defaults to 3 × interval");
        assertEquals(List.of("room-temp"), List.copyOf(c.channels().keySet()));
    }

    @Test
    void fullConfigKeepsEveryValueAndResolvesFilesAgainstTheConfigFolder() throws Exception {
        AgentConfig c = load("full.yaml");
        Path dir = file("full.yaml").getParent();
        assertEquals(dir.resolve("state"), c.stateDir());
        assertEquals(List.of(URI.create("tcp://127.0.0.1:1883"), URI.create("ssl://broker.example:8883")),
                c.mqtt().urls());
        assertEquals("vigie-test.1", c.mqtt().clientId());
        assertEquals("vigie", c.mqtt().username());
        assertEquals(dir.resolve("mqtt.pass"), c.mqtt().passwordFile());
        assertEquals(new MqttConfig.Tls(dir.resolve("mqtt.pass"), null, null), c.mqtt().tls());
        assertEquals(Duration.ofSeconds(30), c.telemetryInterval());

        assertEquals(List.of("temp-cold-aisle", "leak-basement", "t-rack-1", "t-rack-2", "t-rack-3", "door"),
                c.sensors().stream().map(s -> s.id()).toList());
        FileSensorType.Spec cold = (FileSensorType.Spec) c.sensors().get(0);
        assertEquals(0.001, cold.scale());
        assertEquals(-0.5, cold.offset());
        assertEquals(Duration.ofSeconds(1), cold.base().interval());
        assertEquals(Duration.ofSeconds(3), cold.base().staleAfter());
        assertEquals(new ChannelSpec("temp-cold-aisle", ValueType.NUMBER, "°C", "temperature"),
                c.channels().get("temp-cold-aisle"));
        assertEquals(ValueType.BOOLEAN, c.channels().get("leak-basement").type());
        assertEquals(Duration.ofSeconds(10), c.sensors().get(1).base().staleAfter());

        SimSensorType.Spec rack1 = (SimSensorType.Spec) c.sensors().get(2);
        assertTrue(rack1.ramp());
        assertTrue(rack1.repeat());
        assertEquals(List.of(new SimSensorType.Step(Duration.ZERO, 22.0, null),
                new SimSensorType.Step(Duration.ofMinutes(5), 40.0, null)), rack1.steps());
        SimSensorType.Spec rack3 = (SimSensorType.Spec) c.sensors().get(4);
        assertEquals(new SimSensorType.Step(Duration.ofMinutes(1), null, "probe unplugged"), rack3.steps().get(1));
        assertFalse(rack3.repeat());
    }

    @Test
    void everyKindOfRuleBecomesItsRecord() throws Exception {
        List<RuleConfig> rules = load("full.yaml").rules();
        assertEquals(List.of("cold-aisle-hot", "cold-aisle-frozen", "basement-leak", "cold-aisle-rising",
                "room-overheat", "door-open"), rules.stream().map(RuleConfig::id).toList());

        assertEquals(new RuleConfig.Threshold("cold-aisle-hot", "temp-cold-aisle",
                new RuleConfig.Levels(Direction.ABOVE, 27.0, 32.0, 1.0),
                new RuleConfig.Timing(Duration.ofSeconds(30), Duration.ofMinutes(1))), rules.get(0));
        assertEquals(new RuleConfig.Threshold("cold-aisle-frozen", "temp-cold-aisle",
                new RuleConfig.Levels(Direction.BELOW, null, 5.0, 0.0), RuleConfig.Timing.NONE), rules.get(1));
        assertEquals(new RuleConfig.State("basement-leak", "leak-basement", true, Severity.CRITICAL,
                RuleConfig.Timing.NONE), rules.get(2));
        assertEquals(new RuleConfig.Rate("cold-aisle-rising", "temp-cold-aisle", Direction.ABOVE, 2.0,
                Duration.ofMinutes(1), Duration.ofMinutes(2), 0.5, Severity.WARNING, RuleConfig.Timing.NONE),
                rules.get(3));
        assertEquals(new RuleConfig.Vote("room-overheat", List.of("t-rack-1", "t-rack-2", "t-rack-3"), 2,
                new RuleConfig.Levels(Direction.ABOVE, null, 35.0, 0.0), null, Severity.WARNING,
                RuleConfig.Timing.NONE), rules.get(4));
    }

    @Test
    void whenActiveOnANumericChannelIsAcceptedForZeroOneFiles() throws Exception {
        // A sysfs GPIO value file read by the file driver is a number, 0 or 1: StateRule counts non-zero as active.
        RuleConfig door = load("full.yaml").rules().get(5);
        assertEquals(new RuleConfig.State("door-open", "door", true, Severity.INFO, RuleConfig.Timing.NONE), door);
    }

    @Test
    void theNotifySectionOfTheIssueLoads() throws Exception {
        AgentConfig c = load("notify.yaml");
        NotifyConfig n = c.notifications();
        assertEquals(List.of("oncall-sms", "ops-mail", "chat"), n.channels().stream().map(NotifyConfig.Channel::id).toList());
        NotifyConfig.Sms sms = assertInstanceOf(NotifyConfig.Sms.class, n.channels().get(0));
        assertEquals(115_200, sms.baud());
        assertEquals(List.of("+33600000001"), sms.to());
        assertEquals(file("sim.pin"), sms.pinFile());
        NotifyConfig.Email mail = assertInstanceOf(NotifyConfig.Email.class, n.channels().get(1));
        assertEquals("starttls", mail.security());
        assertEquals(587, mail.port());
        assertEquals(file("smtp.pass"), mail.passwordFile());
        assertEquals(Duration.ofSeconds(10), mail.timeout());
        NotifyConfig.Webhook hook = assertInstanceOf(NotifyConfig.Webhook.class, n.channels().get(2));
        assertEquals(URI.create("https://hooks.example.net/T0/B0"), hook.url());
        assertEquals(new NotifyConfig.Route(Severity.CRITICAL, List.of(), List.of("oncall-sms", "ops-mail", "chat"),
                Duration.ofMinutes(15)), n.routes().get(0));
        assertNull(n.routes().get(1).repeat());
        // modem.fault stands for modem.registered.fault when the whole modem stops answering
        assertEquals(List.of("modem.registered.fault", "modem.fault"), n.routes().get(2).alarms());
        assertNull(n.routes().get(2).severity());
        assertEquals(20, n.perChannelPerHour());
        assertEquals(java.util.Set.of("leak-basement", "modem.signal_dbm", "modem.registered"), c.channels().keySet());
    }

    @Test
    void withoutNotifySectionThereAreNoNotifications() throws Exception {
        assertNull(load("minimal.yaml").notifications());
    }
}
