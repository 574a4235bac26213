package org.vigie.agent.demo;

import java.nio.file.Path;

/**
 * The night vigie exists for (SPEC §6), as an agent configuration with simulated sensors. Times
 * are scenario seconds, compressed by {@code speed} into the durations written in the file.
 */
final class Scenario {
    /** Scenario length: 20 minutes. */
    static final int LENGTH_S = 1200;

    static final String[] STORY = {
        "00:00  all normal: cold aisle at 22 °C, basement dry, UPS on mains",
        "02:00  a pipe of the cooling circuit bursts; water reaches the basement leak sensor",
        "02:00  the flood policy shuts the batch server down (60 s countdown)",
        "03:00  cooling stops; the room warms by about 2.7 °C a minute",
        "07:00  the rack-3 probe is knocked loose for a minute",
        "07:10  the overheat policy shuts the batch server (already down), then the database 30 s later",
        "10:00  the building's power is cut; the UPS goes on battery",
        "12:00  power and cooling are back; the room cools down",
        "14:00  the basement is pumped dry",
        "17:00  every overheat alarm has cleared; after 30 s of calm the servers are woken by Wake-on-LAN,",
        "       the database first, then the batch server once the database is back",
        "20:00  end",
    };

    private final double speed;
    private final boolean repeat;

    Scenario(double speed, boolean repeat) {
        this.speed = speed;
        this.repeat = repeat;
    }

    /** A scenario duration in real time, as a configuration duration. */
    String d(double scenarioSeconds) {
        long ms = Math.max(1, Math.round(scenarioSeconds * 1000.0 / speed));
        return ms + "ms";
    }

    /** Three scenario intervals, but never under 2 s of real time: a loaded machine must not look like a dead probe. */
    private String staleAfter() {
        return Math.max(2000, Math.round(15 * 1000.0 / speed)) + "ms";
    }

    private String steps(double[][] points) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < points.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("{at: ").append(i == 0 ? "0ms" : d(points[i][0]))
                    .append(", value: ").append(points[i][1]).append("}");
        }
        return sb.append("]").toString();
    }

    private String temperature(String id, double offset, String extra) {
        double[][] p = {{0, 22 + offset}, {180, 22 + offset}, {540, 38 + offset}, {720, 38 + offset},
            {1080, 22 + offset}, {LENGTH_S, 22 + offset}};
        return "  - {id: " + id + ", type: sim, kind: temperature, unit: \"°C\", interval: " + d(5) + ", stale_after: " + staleAfter()
                + ", ramp: true, repeat: " + repeat + ", values: " + (extra == null ? steps(p) : extra) + "}\n";
    }

    private String flag(String id, String kind, int on, int off) {
        return "  - {id: " + id + ", type: sim, kind: " + kind + ", interval: " + d(5) + ", stale_after: " + staleAfter() + ", repeat: " + repeat
                + ", values: [{at: 0ms, value: false}, {at: " + d(on) + ", value: true}, {at: " + d(off)
                + ", value: false}, {at: " + d(LENGTH_S) + ", value: false}]}\n";
    }

    /** The flood policy shuts the batch server first; the overheat policy then takes the database too. */
    private String shutdown(Path key) {
        return "shutdown:\n"
                + "  key: " + key + "\n"
                + "  command_ttl: " + d(300) + "\n"
                + "  groups:\n"
                + "    - {id: rack-a-batch, hosts: [batch1]}\n"
                + "    - {id: rack-a-db, hosts: [db1]}\n"
                + "  policies:\n"
                + "    - {id: flood-rack-a, on: [basement-leak], severity: critical, delay: " + d(60)
                + ", groups: [rack-a-batch]}\n"
                + "    - {id: overheat, on: [cold-aisle-hot, room-overheat], severity: critical, delay: " + d(60)
                + ", groups: [rack-a-batch, rack-a-db], stagger: " + d(30) + "}\n";
    }

    /** After the overheat policy: the database back first, then the batch server, by Wake-on-LAN to {@code wolPort}. */
    String recovery(int wolPort) {
        return "recovery:\n"
                + "  - id: overheat-back\n"
                + "    after: overheat\n"
                + "    settle: " + d(30) + "\n"
                + "    groups:\n"
                + "      - {id: rack-a-db, wake: [{mac: \"" + WolHosts.MACS.get("db1") + "\", broadcast: 127.0.0.1, port: "
                + wolPort + "}], timeout: " + d(120) + "}\n"
                + "      - {id: rack-a-batch, wake: [{mac: \"" + WolHosts.MACS.get("batch1") + "\", broadcast: 127.0.0.1, port: "
                + wolPort + "}], timeout: " + d(120) + "}\n";
    }

    String yaml(int port, Path stateDir, Path key) {
        String rack3 = "[{at: 0ms, value: 21.5}, {at: " + d(180) + ", value: 21.5}, {at: " + d(420)
                + ", value: 32.2}, {at: " + d(420) + ", fault: \"probe unplugged\"}, {at: " + d(480)
                + ", value: 35.1}, {at: " + d(540) + ", value: 37.5}, {at: " + d(720) + ", value: 37.5}, {at: "
                + d(1080) + ", value: 21.5}, {at: " + d(LENGTH_S) + ", value: 21.5}]";
        return "site: demo\n"
                + "agent: room-b1\n"
                + "state_dir: " + stateDir + "\n"
                + "mqtt: {urls: [tcp://127.0.0.1:" + port + "]}\n"
                + "http: {listen: '127.0.0.1:0'}\n"
                + "telemetry: {interval: " + d(60) + "}\n"
                + "sensors:\n"
                + flag("leak-basement", "leak", 120, 840)
                + temperature("temp-cold-aisle", 0, null)
                + temperature("t-rack-1", 1.0, null)
                + temperature("t-rack-2", 0.5, null)
                + temperature("t-rack-3", -0.5, rack3)
                + flag("ups-on-battery", "power", 600, 720)
                + "rules:\n"
                + "  - {id: basement-leak, sensor: leak-basement, when: active, severity: critical}\n"
                + "  - {id: cold-aisle-rising, sensor: temp-cold-aisle, rate: {above: 2.0, per: " + d(60)
                + "}, severity: warning}\n"
                + "  - {id: cold-aisle-hot, sensor: temp-cold-aisle, above: {warning: 27, critical: 32},"
                + " hysteresis: 1.0, for: " + d(20) + ", clear_for: " + d(30) + "}\n"
                + "  - {id: room-overheat, sensors: [t-rack-1, t-rack-2, t-rack-3], vote: 2,"
                + " above: {critical: 35}, hysteresis: 1.0}\n"
                + "  - {id: on-battery, sensor: ups-on-battery, when: active, severity: warning}\n"
                + shutdown(key);
    }
}
