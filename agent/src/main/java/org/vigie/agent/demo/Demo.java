package org.vigie.agent.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.run.Agent;
import org.vigie.agent.shutdown.AgentShutdown;
import org.vigie.agent.shutdown.Keys;
import java.security.KeyPair;

/**
 * {@code vigie demo}: an embedded broker, an agent with simulated sensors replaying the scenario,
 * and an observer printing the timeline from the MQTT traffic it receives.
 */
public final class Demo {
    private final double speed;
    private final int port;
    private final boolean forever;
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public Demo(double speed, int port, boolean forever) {
        this.speed = speed;
        this.port = port;
        this.forever = forever;
    }

    public int run() throws Exception {
        org.vigie.agent.cli.DemoLogging.quiet();
        Path dir = Files.createTempDirectory("vigie-demo-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(port)) {
            Scenario scenario = new Scenario(speed, forever);
            Path config = dir.resolve("agent.yaml");
            KeyPair key = Keys.generate();
            Keys.write(key, dir.resolve("room-b1"));
            java.util.concurrent.atomic.AtomicReference<DemoServers> booting = new java.util.concurrent.atomic.AtomicReference<>();
            WolHosts wol = new WolHosts(host -> booting.get().powerOn(host));
            Files.writeString(config, scenario.yaml(broker.port(), dir.resolve("state"), dir.resolve("room-b1.key"))
                    + scenario.recovery(wol.port()));
            AgentConfig cfg = AgentConfigLoader.load(config);
            header(broker.port(), scenario);
            try (wol; DemoServers servers = new DemoServers(broker.port(), dir, key, dir.resolve("room-b1.pub"));
                 Agent agent = new Agent(cfg, Clock.systemUTC());
                 Observer observer = new Observer(broker.port(), out, speed, servers::powerOff)) {
                booting.set(servers);
                servers.start();
                AgentShutdown.attach(agent);
                org.vigie.agent.recovery.Recoveries.attach(agent);
                org.vigie.agent.web.WebServer web = org.vigie.agent.web.WebServer.attach(agent);
                out.printf("status page, live while the demo runs: http://127.0.0.1:%d/%n%n", web.port());
                out.println("timeline, as read from MQTT (in scenario time, durations too):");
                agent.start();
                if (forever) {
                    Thread.currentThread().join();
                }
                long endMs = Math.round(Scenario.LENGTH_S * 1000.0 / speed);
                Thread.sleep(endMs);
                long grace = System.currentTimeMillis() + 5000;
                while ((!observer.raised().isEmpty() || !observer.recovered()) && System.currentTimeMillis() < grace) {
                    Thread.sleep(50);
                }
                observer.flush();
                out.printf("%nend of scenario: %d MQTT messages observed, %d alarm transitions, servers shut down: %s, %s%n",
                        observer.messages(), observer.alarmEvents(),
                        observer.shutDown().isEmpty() ? "none" : String.join(", ", observer.shutDown()),
                        observer.raised().isEmpty() ? "every alarm cleared" : "still raised: " + observer.raised());
                return observer.raised().isEmpty() ? 0 : 1;
            }
        } catch (ConfigException e) {
            e.lines().forEach(System.err::println);
            return 1;
        } finally {
            delete(dir);
        }
    }

    private void header(int brokerPort, Scenario scenario) {
        out.printf("vigie demo: a cooling-circuit burst in server room b1, replayed %s times faster%n",
                speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed));
        out.printf("embedded MQTT broker on 127.0.0.1:%d; watch it: mosquitto_sub -p %d -t 'vigie/#' -v%n%n",
                brokerPort, brokerPort);
        out.println("the scenario (scenario time, mm:ss):");
        for (String line : Scenario.STORY) {
            out.println("  " + line);
        }
        out.println();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
