#!/usr/bin/env bash
# Threads and open files of a running `vigie run` before and after RESTARTS (default 500) restarts
# of its broker: a private Mosquitto is SIGKILLed and started again on the same port, and each
# cycle waits until the agent has reconnected (its retained `online` is back on the status topic;
# the broker keeps no persistence, so only a reconnected agent can have put it there).
# Prints /proc/PID/status Threads and `ls /proc/PID/fd | wc -l` before, every 50 restarts and
# after, then the agent's threads by name (before and after) and its reconnects counted in its log.
# Needs agent/target/vigie.jar (mvn -B -DskipTests package). Usage: bench/restarts.sh [RESTARTS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RESTARTS=${1:-500}
check_tools
BROKER_PORT=$(free_port)
mkdir -p "$WORK/broker"
cat > "$WORK/broker/mosquitto.conf" <<CONF
user root
listener $BROKER_PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest none
CONF
BROKER_PID=

broker_up() { # starts the broker and waits until it listens
    /usr/sbin/mosquitto -c "$WORK/broker/mosquitto.conf" > /dev/null 2>&1 &
    BROKER_PID=$!
    PIDS+=("$BROKER_PID")
    local i
    for i in $(seq 1 200); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then
            return 0
        fi
        sleep 0.02
    done
    echo "mosquitto did not listen on $BROKER_PORT" >&2
    exit 1
}

broker_kill() {
    kill -KILL "$BROKER_PID"
    wait "$BROKER_PID" 2>/dev/null || true
}

await_online() { # waits for the agent's retained `online` (30 s at most)
    local got
    got=$(mosquitto_sub -p "$BROKER_PORT" -t vigie/bench/restarts/status -C 1 -W 30 2>/dev/null || true)
    [[ $got == online ]] || { echo "no online from the agent within 30 s (got '$got'); log: $WORK/agent.log" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
}

probe() { # probe LABEL: the agent's threads and open files
    local threads fds
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$AGENT/status")
    fds=$(ls "/proc/$AGENT/fd" | wc -l)
    printf '%-28s threads %4s  open files %4s  (%s)\n' "$1" "$threads" "$fds" "$(uptime | sed 's/.*load average/load average/')"
}

names() { # the agent's threads by name, digits folded
    cat /proc/"$AGENT"/task/*/comm | sed 's/[0-9][0-9]*/N/g; s/ /_/g' | sort | uniq -c | sort -rn
}

echo 21500 > "$WORK/room-temp"
cat > "$WORK/agent.yaml" <<YAML
site: bench
agent: restarts
state_dir: $WORK/state
mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}
sensors:
  - {id: room-temp, type: file, path: $WORK/room-temp, scale: 0.001, unit: "°C", kind: temperature, interval: 1s}
rules:
  - {id: room-hot, sensor: room-temp, above: {warning: 27, critical: 32}, hysteresis: 1.0}
YAML

machine
echo "start: $(date -u +%FT%TZ)"
broker_up
java "${JVM_FLAGS[@]}" -jar "$VIGIE_JAR" run --config "$WORK/agent.yaml" > "$WORK/agent.log" 2>&1 &
AGENT=$!
PIDS+=("$AGENT")
await_online
sleep 5
probe "before (connected, +5 s)"
names > "$WORK/names.before"
t0=$(now_ms)
for n in $(seq 1 "$RESTARTS"); do
    broker_kill
    broker_up
    await_online
    if ((n % 50 == 0)); then
        probe "after $n restarts"
    fi
    kill -0 "$AGENT" 2>/dev/null || { echo "the agent died; log: $WORK/agent.log" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
done
t1=$(now_ms)
sleep 5
probe "after $RESTARTS restarts, +5 s"
names > "$WORK/names.after"
echo "$RESTARTS restarts in $(( (t1 - t0) / 1000 )) s; the agent logged $(grep -c 'connected to MQTT broker' "$WORK/agent.log") connection(s)"
echo "threads by name (count before | after):"
join -1 2 -2 2 -a 1 -a 2 -e 0 -o 0,1.1,2.1 <(awk '{print $1, $2}' "$WORK/names.before" | sort -k2) \
    <(awk '{print $1, $2}' "$WORK/names.after" | sort -k2) | awk '{printf "  %-32s %4s | %4s\n", $1, $2, $3}'
echo "end: $(date -u +%FT%TZ)"
