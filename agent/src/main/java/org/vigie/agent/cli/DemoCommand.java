package org.vigie.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie demo}: the whole system on one machine, replaying a cooling-circuit burst. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay a cooling-circuit burst on one machine: embedded broker, simulated sensors.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--speed", defaultValue = "60", paramLabel = "N", description = "Time compression (default 60).")
    double speed;

    @Option(names = "--port", defaultValue = "1883", paramLabel = "P",
            description = "Broker port on 127.0.0.1 (default 1883, or a free one if taken).")
    int port;

    @Option(names = "--forever", description = "Keep running after the scenario.")
    boolean forever;

    @Override
    public Integer call() throws Exception {
        if (speed < 1 || speed > 600) {
            System.err.println("vigie: --speed must be between 1 and 600, was " + speed);
            return Main.USAGE;
        }
        if (port < 1 || port > 65535) {
            System.err.println("vigie: --port must be between 1 and 65535, was " + port);
            return Main.USAGE;
        }
        return new org.vigie.agent.demo.Demo(speed, port, forever).run();
    }
}
