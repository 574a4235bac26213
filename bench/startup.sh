#!/usr/bin/env bash
# Time from launching `vigie run` to its retained `online` arriving at a subscriber on the status
# topic, against a private Mosquitto; 5 runs, each a fresh JVM and a fresh state_dir.
# Needs agent/target/vigie.jar (mvn -B -DskipTests package). Usage: bench/startup.sh [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${1:-5}
check_tools
start_broker
echo 21500 > "$WORK/room-temp"

config() { # config NAME: one file sensor and one rule, as a small room would have
    cat > "$WORK/$1.yaml" <<YAML
site: bench
agent: $1
state_dir: $WORK/state-$1
mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}
sensors:
  - {id: room-temp, type: file, path: $WORK/room-temp, scale: 0.001, unit: "°C", kind: temperature, interval: 1s}
rules:
  - {id: room-hot, sensor: room-temp, above: {warning: 27, critical: 32}, hysteresis: 1.0}
YAML
}

machine
times=()
for run in $(seq 1 "$RUNS"); do
    name="start-$run"   # a topic of its own: no retained status from an earlier run
    config "$name"
    mosquitto_sub -p "$BROKER_PORT" -t "vigie/bench/$name/status" -C 1 -W 60 > "$WORK/$name.sub" &
    sub=$!
    PIDS+=("$sub")
    sleep 0.5   # subscribed before the agent starts
    t0=$(now_ms)
    "${VIGIE_CMD[@]}" run --config "$WORK/$name.yaml" > "$WORK/$name.log" 2>&1 &
    agent=$!
    PIDS+=("$agent")
    wait "$sub" || { echo "run $run: no status within 60 s; agent log:" >&2; cat "$WORK/$name.log" >&2; exit 1; }
    t1=$(now_ms)
    status=$(cat "$WORK/$name.sub")
    [[ $status == online ]] || { echo "run $run: status was '$status', not online" >&2; exit 1; }
    times+=($((t1 - t0)))
    echo "run $run: online after $((t1 - t0)) ms"
    kill -TERM "$agent"
    wait "$agent" || echo "run $run: the agent exited with $? on SIGTERM" >&2
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "startup to online: median $median ms over $RUNS runs (${times[*]} ms)"
