#!/usr/bin/env bash
# Resident memory of `vigie run` with 100 file sensors read every second and 100 rules, against a
# private Mosquitto, after SECONDS (default 300) of running while a background loop changes the
# sensors' values every 3 s. Prints VmRSS every 30 s, then VmRSS, VmHWM and the thread count.
# Needs agent/target/vigie.jar (mvn -B -DskipTests package). Usage: bench/rss.sh [SECONDS]
# Environment: VIGIE_JVM_FLAGS (default: the systemd unit's heap, GC and stack flags), or
# VIGIE_LAUNCHER=/usr/bin/vigie (the installed package's launcher and its flags);
# VIGIE_AGENT_LOG=FILE keeps a copy of the agent's log; VIGIE_RSS_HTTP=1 adds the status page
# server (http:, on a free port) and its history, scraped every second while it runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_TO_RUN=${1:-300}
check_tools
start_broker
mkdir -p "$WORK/values"

# The same room as the JMH benchmark (bench/src/main/java/org/vigie/bench/Workload.java):
# t00-t69 thresholds, d70-d81 `when` contacts, r82-r93 `rate`, v94-v99 six 2-of-3 `vote` rules.
channel() {
    local i=$1
    if ((i < 70)); then printf 't%02d' "$i"
    elif ((i < 82)); then printf 'd%02d' "$i"
    elif ((i < 94)); then printf 'r%02d' "$i"
    else printf 'v%02d' "$i"; fi
}

write_values() { # one new value per file: ~22 °C with noise, now and then past a threshold
    local i c v
    for i in $(seq 0 99); do
        c=$(channel "$i")
        if [[ $c == d* ]]; then
            v=$((RANDOM % 40 == 0))
        elif ((RANDOM % 30 == 0)); then
            v=$((33000 + RANDOM % 2000))
        else
            v=$((21000 + RANDOM % 2000))
        fi
        echo "$v" > "$WORK/values/$c.tmp"
        mv "$WORK/values/$c.tmp" "$WORK/values/$c"
    done
}

{
    echo "site: bench"
    echo "agent: rss"
    echo "state_dir: $WORK/state"
    echo "mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}"
    if [[ ${VIGIE_RSS_HTTP:-0} == 1 ]]; then
        HTTP_PORT=$(free_port)
        echo "http: {listen: '127.0.0.1:$HTTP_PORT'}"
    fi
    echo "sensors:"
    for i in $(seq 0 99); do
        c=$(channel "$i")
        if [[ $c == d* ]]; then
            echo "  - {id: $c, type: file, path: $WORK/values/$c, kind: leak, interval: 1s}"
        else
            echo "  - {id: $c, type: file, path: $WORK/values/$c, scale: 0.001, unit: \"°C\", kind: temperature, interval: 1s}"
        fi
    done
    echo "rules:"
    for i in $(seq 0 69); do
        c=$(channel "$i")
        timing=""
        ((i % 4 == 0)) && timing=", for: 5s, clear_for: 10s"
        if ((i % 5 == 4)); then
            echo "  - {id: cold-$c, sensor: $c, below: {warning: 15, critical: 10}, hysteresis: 1.0$timing}"
        else
            echo "  - {id: hot-$c, sensor: $c, above: {warning: 27, critical: 32}, hysteresis: 1.0$timing}"
        fi
    done
    for i in $(seq 70 81); do
        echo "  - {id: leak-$(channel "$i"), sensor: $(channel "$i"), when: active, severity: critical}"
    done
    for i in $(seq 82 93); do
        echo "  - {id: rising-$(channel "$i"), sensor: $(channel "$i"), rate: {above: 2.0, per: 1m}, severity: warning}"
    done
    for k in $(seq 0 5); do
        echo "  - {id: room-$k, sensors: [v$((94 + k)), v$((94 + (k + 1) % 6)), v$((94 + (k + 2) % 6))], vote: 2, above: {warning: 30, critical: 35}}"
    done
} > "$WORK/agent.yaml"

write_values
( while true; do sleep 3; write_values; done ) &
PIDS+=($!)

machine
"${VIGIE_CMD[@]}" run --config "$WORK/agent.yaml" > "$WORK/agent.log" 2>&1 &
agent=$!
PIDS+=("$agent")
if [[ ${VIGIE_RSS_HTTP:-0} == 1 ]]; then # a page open on a phone, and a Prometheus scraping
    ( while true; do sleep 1; curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/api/state" || true
        curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/metrics" || true; done ) &
    PIDS+=($!)
fi

alive() { # exits the script if the agent is gone
    kill -0 "$agent" 2>/dev/null || { echo "the agent exited; its log:" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
}

field() { # field NAME: a value from /proc/PID/status
    awk -v f="$1:" '$1 == f {print $2, $3}' "/proc/$agent/status"
}

start=$(date +%s)
while (( $(date +%s) - start < SECONDS_TO_RUN )); do
    sleep $(( SECONDS_TO_RUN < 30 ? SECONDS_TO_RUN : 30 ))
    alive
    echo "after $(( $(date +%s) - start )) s: VmRSS $(field VmRSS)"
done
alive
grep -q "connected to MQTT broker" "$WORK/agent.log" || { echo "the agent never connected; its log:" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
echo "$(date -u +%FT%TZ) $(uptime | sed 's/.*load average/load average/')"
echo "alarm transitions logged: $(grep -c ' alarm ' "$WORK/agent.log" || true); warnings: $(grep -c ' WARN ' "$WORK/agent.log" || true)"
if grep -q ' WARN ' "$WORK/agent.log"; then
    echo "warnings by kind (numbers and channel names folded):"
    grep ' WARN ' "$WORK/agent.log" | cut -d' ' -f3- | sed -E 's/[a-z][0-9]{2}/X/g; s/[0-9]+(\.[0-9]+)?/N/g' \
        | sort | uniq -c | sort -rn | head -5
fi
echo "after $SECONDS_TO_RUN s: VmRSS $(field VmRSS), VmHWM $(field VmHWM), threads $(field Threads)"
echo "CPU time: $(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f s", ($14 + $15) / hz}' "/proc/$agent/stat")"
if [[ -n ${VIGIE_AGENT_LOG:-} ]]; then
    cp "$WORK/agent.log" "$VIGIE_AGENT_LOG"
fi
