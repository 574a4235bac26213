#!/usr/bin/env bash
# The board's resident memory and CPU while it follows N simulated agents (FleetTraffic: the MQTT
# traffic of N agents from one process) through a private Mosquitto, and whether it keeps up
# (every event of every agent on the board, no gap). Samples VmRSS and CPU time of the board's
# process over the second half of the run.
#
#   bench/board-scale.sh [AGENTS] [SECONDS] [TELEMETRY_S] [ALARM_S]     (defaults 500 120 10 60)
#
# Environment: VIGIE_BOARD_FLAGS (default "-Xmx256m -XX:+UseSerialGC"). Needs agent/target/vigie.jar
# and bench/target/benchmarks.jar (mvn -B -DskipTests package).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
AGENTS=${1:-500}; RUN_S=${2:-120}; TELEMETRY_S=${3:-10}; ALARM_S=${4:-60}
BENCH_JAR=$ROOT_DIR/bench/target/benchmarks.jar
read -r -a BOARD_FLAGS <<< "${VIGIE_BOARD_FLAGS:--Xmx256m -XX:+UseSerialGC}"
check_tools
start_broker
HTTP_PORT=$(free_port)
cat > "$WORK/board.yaml" <<YAML
board: bench
state_dir: $WORK/board
mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}
offline_after: $((TELEMETRY_S * 3))s
http: {listen: 127.0.0.1:$HTTP_PORT}
public:
  dir: $WORK/public
  components: [{name: Room one, site: sim0, agents: [agent-0, agent-1]}]
YAML
java "${BOARD_FLAGS[@]}" -jar "$VIGIE_JAR" board --config "$WORK/board.yaml" > "$WORK/board.log" 2>&1 &
BOARD=$!
PIDS+=($BOARD)
sleep 3
java -cp "$BENCH_JAR" org.vigie.bench.FleetTraffic --url "tcp://127.0.0.1:$BROKER_PORT" --agents "$AGENTS" \
    --seconds "$RUN_S" --telemetry-s "$TELEMETRY_S" --alarm-s "$ALARM_S" > "$WORK/traffic.log" 2>&1 &
TRAFFIC=$!
PIDS+=($TRAFFIC)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sleep $((RUN_S / 2))
T0=$(cpu_ticks "$BOARD"); S0=$(date +%s%N)
RSS_MAX=0
for _ in $(seq 1 $((RUN_S / 2 / 5))); do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$BOARD/status")
    (( rss > RSS_MAX )) && RSS_MAX=$rss
    sleep 5
done
T1=$(cpu_ticks "$BOARD"); S1=$(date +%s%N)
wait "$TRAFFIC" || true
grep simulated "$WORK/traffic.log"
SENT=$(grep -o '[0-9]* events$' "$WORK/traffic.log" | awk '{print $1}')
HZ=$(getconf CLK_TCK)
python3 - "$HTTP_PORT" "$T0" "$T1" "$S0" "$S1" "$HZ" "$RSS_MAX" "$AGENTS" "$SENT" <<'PY'
import json, sys, time, urllib.request
port, t0, t1, s0, s1, hz, rss, agents, sent = sys.argv[1:]
start = time.time()
while True:
    fleet = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/fleet", timeout=60))
    ag = [a for s in fleet["sites"] for a in s["agents"]]
    missing = sum(a["seq"]["missing"] for a in ag)
    events = sum(a["events"] for a in ag)
    if events >= int(sent) or time.time() - start > 120:
        break
    time.sleep(1)
cpu = (int(t1) - int(t0)) / int(hz) / ((int(s1) - int(s0)) / 1e9) * 100
print(f"board: {len(ag)} agents on the board ({agents} simulated), {events} of {sent} events taken "
      f"{time.time() - start:.1f} s after the traffic stopped, {missing} missing; "
      f"CPU {cpu:.1f}% of one core, VmRSS max {int(rss) / 1024:.0f} MB (second half of the run)")
PY
echo "board log lines refusing or in error: $(grep -c "refused\|ERROR" "$WORK/board.log" || true)"
machine
echo "board flags: ${BOARD_FLAGS[*]}"
