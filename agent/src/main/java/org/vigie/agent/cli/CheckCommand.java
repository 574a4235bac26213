package org.vigie.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.config.Durations;
import org.vigie.agent.config.ListenerConfig;
import org.vigie.agent.config.ListenerConfigLoader;
import org.vigie.agent.config.RuleConfig;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie check --config FILE}: validates without touching hardware or network. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate an agent or listener configuration without touching hardware or network.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration (YAML).")
    Path config;

    @Option(names = "--firmware", paramLabel = "CONFIG_TXT",
            description = "A Raspberry Pi config.txt: warn when a configured GPIO pin is one an overlay there uses.")
    Path firmware;

    @Override
    public Integer call() {
        if (ListenerConfigLoader.looksLikeListener(config)) {
            return checkListener();
        }
        if (org.vigie.agent.config.BoardConfigLoader.looksLikeBoard(config)) {
            return BoardCheck.check(config, System.out);
        }
        AgentConfig cfg = Configs.agent(config, System.out);
        if (cfg == null) {
            return Main.USAGE;
        }
        summary(cfg, System.out);
        HardwareChecks.oneWireDevices(cfg, System.out);
        if (firmware != null) {
            return HardwareChecks.firmware(cfg, firmware, System.out) ? Main.OK : Main.USAGE;
        }
        return Main.OK;
    }

    private Integer checkListener() {
        ListenerConfig cfg;
        try {
            cfg = ListenerConfigLoader.load(config, true);
        } catch (ConfigException e) {
            e.lines().forEach(System.out::println);
            return Main.USAGE;
        }
        listenerSummary(cfg, System.out);
        return Main.OK;
    }

    static void listenerSummary(ListenerConfig cfg, PrintStream out) {
        out.println(cfg.source() + ": valid listener configuration: site " + cfg.site() + ", host " + cfg.host());
        out.println("mqtt: " + String.join(", ", cfg.mqtt().urls().stream().map(Object::toString).toList())
                + " as " + cfg.mqtt().clientId() + " (persistent session)");
        out.println("state_dir: " + cfg.stateDir());
        if (!cfg.stateDir().equals(ListenerConfigLoader.DEFAULT_STATE_DIR)) {
            out.println("warning: state_dir: " + cfg.stateDir() + " is not " + ListenerConfigLoader.DEFAULT_STATE_DIR
                    + ", the only directory systemd/vigie-listen.service lets the listener write"
                    + " (StateDirectory=, ProtectSystem=strict): add it to the unit's ReadWritePaths= or use the default");
        }
        out.println("groups (" + cfg.groups().size() + "):");
        cfg.groups().forEach(g -> out.println("  " + g + ": commands on " + cfg.commandTopic(g) + ", acks on "
                + cfg.ackTopic(g)));
        out.println("trusted keys (" + cfg.trustedKeys().size() + "):");
        cfg.trustedKeys().forEach(k -> out.println("  " + k.id() + " (" + k.file() + ")"));
        out.println("command: " + String.join(" ", cfg.command()) + " (argv, no shell)");
        out.println("dry_run: " + cfg.dryRun() + (cfg.dryRun() ? " (logs and acknowledges, runs nothing)" : ""));
    }

    static void summary(AgentConfig cfg, PrintStream out) {
        out.println(cfg.source() + ": valid agent configuration: site " + cfg.site() + ", agent " + cfg.agent()
                + ", topics under " + cfg.root() + "/");
        out.println("mqtt: " + String.join(", ", cfg.mqtt().urls().stream().map(Object::toString).toList())
                + " as " + cfg.mqtt().clientId());
        out.println("state_dir: " + cfg.stateDir());
        out.println("sensors (" + cfg.sensors().size() + "):");
        for (SensorSpec s : cfg.sensors()) {
            out.println("  " + s.id() + " (" + s.base().type() + (s.base().kind() == null ? "" : ", " + s.base().kind())
                    + ", every " + Durations.format(s.base().interval())
                    + ", stale after " + Durations.format(s.base().staleAfter()) + ")");
            for (ChannelSpec c : s.channels()) {
                boolean ownKind = c.kind() != null && !c.kind().equals(s.base().kind());
                out.println("    " + c.address() + ": " + c.type().name().toLowerCase(java.util.Locale.ROOT)
                        + (c.unit() == null ? "" : " " + c.unit()) + (ownKind ? ", " + c.kind() : ""));
            }
        }
        out.println("rules (" + cfg.rules().size() + "):");
        for (RuleConfig r : cfg.rules()) {
            out.println("  " + r.id() + ": " + describe(r));
        }
        out.println("channels (" + cfg.channels().size() + ") each also raise <channel>.fault when not good;"
                + " a sensor whose channels all fail together raises one <sensor>.fault instead");
        if (cfg.snmpTraps() != null) {
            SummaryLines.traps(cfg.snmpTraps(), out);
        }
        if (cfg.shutdown() != null) {
            shutdown(cfg.shutdown(), out);
        }
        if (cfg.notifications() != null) {
            notifications(cfg.notifications(), out);
        }
        if (cfg.homeAssistant().discovery()) {
            out.println("homeassistant: discovery under " + cfg.homeAssistant().prefix() + "/ ("
                    + org.vigie.agent.homeassistant.Discovery.summary(cfg) + ")");
        }
        RecoverySummary.print(cfg, out);
        org.vigie.agent.web.WebServer.describe(cfg).forEach(out::println);
    }

    private static void notifications(org.vigie.agent.config.NotifyConfig n, PrintStream out) {
        out.println("notify: at most " + n.perChannelPerHour() + " message(s) per channel an hour");
        for (org.vigie.agent.config.NotifyConfig.Channel c : n.channels()) {
            String where = c instanceof org.vigie.agent.config.NotifyConfig.Sms sms ? sms.port() + " → " + String.join(", ", sms.to())
                    : c instanceof org.vigie.agent.config.NotifyConfig.Email e ? e.host() + ":" + e.port() + " (" + e.security()
                    + ") → " + String.join(", ", e.to())
                    : ((org.vigie.agent.config.NotifyConfig.Webhook) c).url().getScheme() + "://"
                    + ((org.vigie.agent.config.NotifyConfig.Webhook) c).url().getAuthority();
            out.println("  channel " + c.id() + ": " + c.type() + " " + where);
        }
        n.routes().forEach(r -> out.println("  route: " + (r.severity() == null ? "any severity" : r.severity().wire() + " or above")
                + (r.alarms().isEmpty() ? "" : ", alarms " + String.join(", ", r.alarms())) + " → "
                + String.join(", ", r.channels()) + (r.repeat() == null ? "" : ", repeat every " + Durations.format(r.repeat())
                + " until acknowledged")));
    }

    private static void shutdown(org.vigie.agent.config.ShutdownConfig s, PrintStream out) {
        out.println("shutdown: key " + s.key() + ", commands valid " + Durations.format(s.commandTtl()));
        s.groups().forEach(g -> out.println("  group " + g.id() + ": " + String.join(", ", g.hosts())));
        s.policies().forEach(p -> out.println("  policy " + p.id() + ": on " + String.join(", ", p.on()) + " at "
                + p.severity().wire() + " or above → " + String.join(" then ", p.groups())
                + (p.stagger().isZero() ? "" : " (" + Durations.format(p.stagger()) + " apart)")
                + ", countdown " + Durations.format(p.delay())));
    }

    static String describe(RuleConfig r) {
        String timing = timing(r.timing());
        if (r instanceof RuleConfig.Threshold t) {
            return t.channel() + " " + levels(t.levels()) + timing;
        }
        if (r instanceof RuleConfig.State s) {
            return s.channel() + " when " + (s.active() ? "active" : "inactive") + " → " + s.severity().wire() + timing;
        }
        if (r instanceof RuleConfig.Rate rate) {
            return rate.channel() + " rate " + rate.direction().wire() + " " + rate.limit() + " per "
                    + Durations.format(rate.per()) + " over " + Durations.format(rate.window()) + " → "
                    + rate.severity().wire() + timing;
        }
        RuleConfig.Vote v = (RuleConfig.Vote) r;
        String what = v.levels() != null ? levels(v.levels())
                : "when " + (v.active() ? "active" : "inactive") + " → " + v.severity().wire();
        return v.vote() + " of " + String.join(", ", v.channels()) + " " + what + timing
                + "; fewer than " + v.vote() + " good raises " + v.id() + ".quorum";
    }

    private static String levels(RuleConfig.Levels l) {
        StringBuilder sb = new StringBuilder(l.direction().wire());
        if (l.warning() != null) {
            sb.append(" warning ").append(l.warning());
        }
        if (l.critical() != null) {
            sb.append(l.warning() != null ? "," : "").append(" critical ").append(l.critical());
        }
        if (l.hysteresis() > 0) {
            sb.append(" (hysteresis ").append(l.hysteresis()).append(")");
        }
        return sb.toString();
    }

    private static String timing(RuleConfig.Timing t) {
        String s = "";
        if (!t.raiseFor().isZero()) {
            s += ", for " + Durations.format(t.raiseFor());
        }
        if (!t.clearFor().isZero()) {
            s += ", clear_for " + Durations.format(t.clearFor());
        }
        return s;
    }
}
