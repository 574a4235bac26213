package org.vigie.agent.web;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.AgentView;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorSpec;

/**
 * {@code GET /metrics} (docs/metrics.md): built at scrape time from the agent's latest snapshot,
 * no I/O and no broker needed. Quality is never a label: a channel that is not good keeps its
 * {@code vigie_channel_up} series at 0 and its value series is left out until it is good again.
 */
final class Metrics {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private final AgentConfig config;
    private final String version;
    private final BooleanSupplier brokerConnected;
    private final Map<String, MetricNames> names = new LinkedHashMap<>();
    /** Every alarm the agent can raise and the severities it can have: one series each, from the start. */
    private final Map<String, java.util.EnumSet<Severity>> alarmSeries = new java.util.TreeMap<>();

    Metrics(AgentConfig config, String version, BooleanSupplier brokerConnected) {
        this.config = config;
        this.version = version;
        this.brokerConnected = brokerConnected;
        for (ChannelSpec c : config.channels().values()) {
            names.put(c.address(), MetricNames.of(c));
            alarmSeries.put(c.address() + ".fault", java.util.EnumSet.of(Severity.WARNING));
        }
        for (SensorSpec s : config.sensors()) {
            alarmSeries.put(s.id() + ".fault", java.util.EnumSet.of(Severity.WARNING));
        }
        alarmSeries.put(Agent.STATE_DIR_ALARM, java.util.EnumSet.of(Severity.WARNING));
        for (RuleConfig r : config.rules()) {
            java.util.EnumSet<Severity> sev = java.util.EnumSet.noneOf(Severity.class);
            RuleConfig.Levels levels = r instanceof RuleConfig.Threshold t ? t.levels()
                    : r instanceof RuleConfig.Vote v ? v.levels() : null;
            if (levels != null) {
                for (Severity s : Severity.values()) {
                    if (levels.at(s) != null) {
                        sev.add(s);
                    }
                }
            } else if (r instanceof RuleConfig.State st) {
                sev.add(st.severity());
            } else if (r instanceof RuleConfig.Rate rate) {
                sev.add(rate.severity());
            } else if (r instanceof RuleConfig.Vote v) {
                sev.add(v.severity());
            }
            alarmSeries.put(r.id(), sev);
            if (r instanceof RuleConfig.Vote) {
                alarmSeries.put(r.id() + ".quorum", java.util.EnumSet.of(Severity.WARNING));
            }
        }
    }

    MetricSnapshots collect(AgentView view) {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        Map<String, GaugeSnapshot.Builder> values = new LinkedHashMap<>();
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("vigie_channel_up")
                .help("1 while the channel's reading is good, 0 while it is stale or faulty");
        Map<String, Reading> readings = view == null ? Map.of() : view.channels();
        for (String channel : config.channels().keySet().stream().sorted().toList()) {
            Reading r = readings.get(channel);
            boolean good = r != null && r.good();
            up.dataPoint(point(good ? 1 : 0, "channel", channel));
            if (good) {
                MetricNames n = names.get(channel);
                values.computeIfAbsent(n.name(), k -> GaugeSnapshot.builder().name(k).help(help(k)))
                        .dataPoint(point(r.asDouble() * n.factor(), "channel", channel));
            }
        }
        values.values().forEach(b -> out.metricSnapshot(b.build()));
        out.metricSnapshot(up.build());
        GaugeSnapshot.Builder alarms = GaugeSnapshot.builder().name("vigie_alarm_active")
                .help("1 while the alarm is raised (active or acknowledged) at this severity, else 0");
        Map<String, Alarm> known = new java.util.HashMap<>();
        Map<String, java.util.EnumSet<Severity>> series = new java.util.TreeMap<>(alarmSeries);
        for (Alarm a : view == null ? List.<Alarm>of() : view.alarms()) {
            known.put(a.id(), a);
            series.computeIfAbsent(a.id(), k -> java.util.EnumSet.noneOf(Severity.class)).add(a.severity());
        }
        series.forEach((id, severities) -> {
            Alarm a = known.get(id);
            for (Severity s : severities) {
                boolean on = a != null && a.state().raised() && a.severity() == s;
                alarms.dataPoint(GaugeDataPointSnapshot.builder().value(on ? 1 : 0)
                        .labels(Labels.of("alarm", id, "severity", s.wire())).build());
            }
        });
        out.metricSnapshot(alarms.build());
        out.metricSnapshot(InfoSnapshot.builder().name("vigie_build").help("The agent's version, site and name")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", version, "site", config.site(), "agent", config.agent())).build())
                .build());
        out.metricSnapshot(GaugeSnapshot.builder().name("vigie_broker_connected")
                .help("1 while the agent is connected to an MQTT broker").dataPoint(point(brokerConnected.getAsBoolean() ? 1 : 0))
                .build());
        out.metricSnapshot(GaugeSnapshot.builder().name("vigie_events_undelivered")
                .help("Journal events the broker has not acknowledged yet")
                .dataPoint(point(view == null ? 0 : view.undeliveredEvents())).build());
        return out.build();
    }

    private static GaugeDataPointSnapshot point(double v, String... labels) {
        return GaugeDataPointSnapshot.builder().value(v).labels(Labels.of(labels)).build();
    }

    private static String help(String name) {
        return switch (name) {
            case "vigie_state" -> "A boolean channel: 1 active (leak, on battery…), 0 inactive";
            case "vigie_value" -> "A channel with no known unit, as read";
            default -> "Channels measured in " + name.substring(name.lastIndexOf('_') + 1)
                    + " (converted to the base unit)";
        };
    }

    /** The content type written for this {@code Accept} header. */
    static ExpositionFormatWriter writer(String accept) {
        ExpositionFormatWriter w = FORMATS.findWriter(accept);
        return w.isAvailable() && !w.getContentType().contains("protobuf") ? w : FORMATS.getPrometheusTextFormatWriter();
    }

    static void write(ExpositionFormatWriter w, OutputStream out, MetricSnapshots s) throws IOException {
        w.write(out, s);
    }
}
