package org.vigie.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigie}: the command line of SPEC §1. Exit codes: 0 success, 1 runtime failure, 2 usage or configuration. */
@Command(name = "vigie", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Environmental monitoring for server rooms: sensors, thresholds, MQTT alarms, signed shutdown.",
        subcommands = {RunCommand.class, CheckCommand.class, DemoCommand.class, ListenCommand.class, KeygenCommand.class,
            ShutdownCommand.class, TimelineCommand.class, NotifyTestCommand.class, RecoverCommand.class, PasswdCommand.class,
            BoardCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is needed: run, check, demo, listen, keygen, shutdown, timeline, notify-test, recover, passwd, board");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        Logging.fromEnvironment();
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> FAILURE);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("vigie: " + org.vigie.agent.mqtt.Errors.describe(e));
            return FAILURE;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("vigie: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'vigie --help'.");
            return USAGE;
        });
        return cl.execute(args);
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigie " + version()};
        }
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/vigie-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
