#!/usr/bin/env bash
# How an agent copes with many SNMP targets: `vigie run` with N `snmp` sensors (profile ups-mib,
# v2c, interval 5 s) spread over 2 net-snmp snmpd instances serving static values (`override`,
# no script), against a private Mosquitto. After WARMUP s (default 30) it measures, over WINDOW s
# (default 60), the agent's CPU time (utime + stime from /proc/PID/stat) as a share of one core,
# the snmpds' CPU likewise, and then prints VmRSS, threads, and how many stale/fault warnings the
# agent logged (a channel with no reading for 3 intervals is the sign of falling behind).
# Needs agent/target/vigie.jar, snmpd. Usage: bench/snmp-scale.sh N [WINDOW] [WARMUP]
# Environment: VIGIE_JVM_FLAGS as in lib.sh; VIGIE_AGENT_LOG=FILE keeps a copy of the agent's log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N=${1:?usage: bench/snmp-scale.sh N [WINDOW] [WARMUP]}
WINDOW=${2:-60}
WARMUP=${3:-30}
check_tools
[[ -x /usr/sbin/snmpd ]] || { echo "snmpd is needed: apt-get install snmpd" >&2; exit 2; }
start_broker

COMMUNITY=vigie-bench
echo "$COMMUNITY" > "$WORK/community"
SNMPD_PIDS=()
SNMPD_PORTS=()
for i in 0 1; do
    port=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$WORK/snmpd$i/persist"
    {
        echo "rocommunity $COMMUNITY 127.0.0.1"
        # RFC 1628 values: on mains, battery normal, 42 min left, 100 %, 25 °C, 230 V, 35 % load, no alarms
        echo "override .1.3.6.1.2.1.33.1.2.1.0 integer 2"
        echo "override .1.3.6.1.2.1.33.1.2.2.0 integer 0"
        echo "override .1.3.6.1.2.1.33.1.2.3.0 integer 42"
        echo "override .1.3.6.1.2.1.33.1.2.4.0 integer 100"
        echo "override .1.3.6.1.2.1.33.1.2.7.0 integer 25"
        echo "override .1.3.6.1.2.1.33.1.3.3.1.3.1 integer 230"
        echo "override .1.3.6.1.2.1.33.1.4.1.0 integer 3"
        echo "override .1.3.6.1.2.1.33.1.4.4.1.5.1 integer 35"
        echo "override .1.3.6.1.2.1.33.1.6.1.0 integer 0"
    } > "$WORK/snmpd$i/snmpd.conf"
    MIBS="" SNMP_PERSISTENT_DIR="$WORK/snmpd$i/persist" /usr/sbin/snmpd -f -Lo -C -c "$WORK/snmpd$i/snmpd.conf" \
        -I -smux -p "$WORK/snmpd$i/pid" "udp:127.0.0.1:$port" > "$WORK/snmpd$i/log" 2>&1 &
    SNMPD_PIDS+=($!)
    PIDS+=($!)
    SNMPD_PORTS+=("$port")
done
sleep 1

{
    echo "site: bench"
    echo "agent: scale"
    echo "state_dir: $WORK/state"
    echo "mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}"
    echo "sensors:"
    for i in $(seq 1 "$N"); do
        printf '  - {id: ups-%04d, type: snmp, host: 127.0.0.1, port: %s, community_file: %s, profile: ups-mib, interval: 5s}\n' \
            "$i" "${SNMPD_PORTS[$((i % 2))]}" "$WORK/community"
    done
    echo "rules:"
    echo "  - {id: ups-0001-on-battery, sensor: ups-0001.on_battery, when: active, severity: critical}"
} > "$WORK/agent.yaml"

cpu_ticks() { # utime + stime of a process, in clock ticks
    awk '{print $14 + $15}' "/proc/$1/stat"
}

machine
echo "start: $(date -u +%FT%TZ), $N sensors every 5 s over 2 snmpd"
java "${JVM_FLAGS[@]}" -jar "$VIGIE_JAR" run --config "$WORK/agent.yaml" > "$WORK/agent.log" 2>&1 &
AGENT=$!
PIDS+=("$AGENT")
sleep "$WARMUP"
kill -0 "$AGENT" 2>/dev/null || { echo "the agent died; log:" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
HZ=$(getconf CLK_TCK)
lines0=$(wc -l < "$WORK/agent.log")
a0=$(cpu_ticks "$AGENT"); s0=$(( $(cpu_ticks "${SNMPD_PIDS[0]}") + $(cpu_ticks "${SNMPD_PIDS[1]}") ))
load0=$(uptime | sed 's/.*load average/load average/')
sleep "$WINDOW"
a1=$(cpu_ticks "$AGENT"); s1=$(( $(cpu_ticks "${SNMPD_PIDS[0]}") + $(cpu_ticks "${SNMPD_PIDS[1]}") ))
tail -n +"$((lines0 + 1))" "$WORK/agent.log" > "$WORK/window.log"
echo "window: ${WINDOW} s after ${WARMUP} s; $load0 -> $(uptime | sed 's/.*load average/load average/')"
awk -v a=$((a1 - a0)) -v s=$((s1 - s0)) -v hz="$HZ" -v w="$WINDOW" -v n="$N" 'BEGIN {
    printf "agent CPU: %.2f s in %d s = %.1f %% of one core; %.3f ms per poll (%d polls expected)\n", a / hz, w, 100 * a / hz / w, 1000 * a / hz / (n * w / 5), n * w / 5
    printf "snmpd CPU (both): %.2f s = %.1f %% of one core\n", s / hz, 100 * s / hz / w }'
grep -E '^(VmRSS|VmHWM|Threads)' "/proc/$AGENT/status" | tr -s ' \t' ' ' | paste -sd ';' -
stale=$(grep -c 'sensor channel .*: no reading for' "$WORK/window.log" || true)
stale_channels=$( (grep -o 'sensor channel [^:]*: no reading' "$WORK/window.log" || true) | sort -u | wc -l)
raised=$(grep -c 'alarm .* raised' "$WORK/window.log" || true)
echo "in the window: $stale stale warnings over $stale_channels of $((9 * N)) channels; $raised alarm(s) raised; $(grep -c ' WARN ' "$WORK/window.log" || true) warnings in all"
if [[ -n ${VIGIE_AGENT_LOG:-} ]]; then
    cp "$WORK/agent.log" "$VIGIE_AGENT_LOG"
fi
echo "end: $(date -u +%FT%TZ)"
