#!/usr/bin/env bash
# One agent polling N SNMP devices of mixed vendor profiles every 5 s: `vigie run` with N `snmp`
# sensors spread round-robin over apc-ups, apc-pdu (1 phase, 2 banks), eaton-ups, geist and
# ups-mib, each its own community on one Debian snmpsimd serving the walks of
# sensors/src/test/resources/snmpsim/ (the same cards, quirks included: some channels are faults
# by design). After WARMUP s (default 30) it measures over WINDOW s (default 60) the agent's CPU
# time (utime + stime from /proc/PID/stat) as a share of one core, snmpsimd's likewise, then
# VmRSS, VmHWM, threads, and the stale warnings the agent logged (a sign of falling behind).
# Needs agent/target/vigie.jar, snmpsim. Usage: bench/snmp-profiles.sh [N] [WINDOW] [WARMUP]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N=${1:-50}
WINDOW=${2:-60}
WARMUP=${3:-30}
check_tools
[[ -x /usr/bin/snmpsimd ]] || { echo "snmpsimd is needed: apt-get install snmpsim" >&2; exit 2; }
WALKS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/sensors/src/test/resources/snmpsim"
start_broker

# snmpsimd drops to nobody before reading its data: a directory of its own, open to it.
SIM=$(mktemp -d /tmp/vigie-snmpsim.XXXXXX)
chmod 777 "$SIM"
mkdir -p "$SIM/data" "$SIM/cache"
chmod 777 "$SIM/cache"
trap 'cleanup; rm -rf "$SIM"' EXIT
PROFILES=(apc-ups apc-pdu eaton-ups geist ups-mib)
WALK_OF=([0]=apc-ups [1]=apc-pdu [2]=eaton-ups [3]=geist [4]=ups-mib-unknowns)
for i in $(seq 1 "$N"); do
    k=$(( (i - 1) % 5 ))
    cp "$WALKS/${WALK_OF[$k]}.snmprec" "$SIM/data/dev$i.snmprec"
    echo "dev$i" > "$WORK/community$i"
done
SIM_PORT=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
snmpsimd --data-dir="$SIM/data" --agent-udpv4-endpoint="127.0.0.1:$SIM_PORT" --process-user=nobody \
    --process-group=nogroup --cache-dir="$SIM/cache" > "$WORK/snmpsim.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")
for _ in $(seq 1 600); do grep -q 'Listening at UDP/IPv4' "$WORK/snmpsim.log" && break; sleep 0.1; done
grep -q 'Listening at UDP/IPv4' "$WORK/snmpsim.log" || { echo "snmpsimd did not start:" >&2; tail "$WORK/snmpsim.log" >&2; exit 1; }

{
    echo "site: bench"
    echo "agent: profiles"
    echo "state_dir: $WORK/state"
    echo "mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}"
    echo "sensors:"
    for i in $(seq 1 "$N"); do
        k=$(( (i - 1) % 5 ))
        extra=""
        [[ ${PROFILES[$k]} == apc-pdu ]] && extra=", phases: 1, banks: 2"
        printf '  - {id: dev-%03d, type: snmp, host: 127.0.0.1, port: %s, community_file: %s, profile: %s%s, interval: 5s}\n' \
            "$i" "$SIM_PORT" "$WORK/community$i" "${PROFILES[$k]}" "$extra"
    done
} > "$WORK/agent.yaml"

cpu_ticks() { # utime + stime of a process, in clock ticks
    awk '{print $14 + $15}' "/proc/$1/stat"
}

machine
echo "start: $(date -u +%FT%TZ), $N snmp sensors (5 profiles) every 5 s on one snmpsimd"
java "${JVM_FLAGS[@]}" -jar "$VIGIE_JAR" run --config "$WORK/agent.yaml" > "$WORK/agent.log" 2>&1 &
AGENT=$!
PIDS+=("$AGENT")
sleep "$WARMUP"
kill -0 "$AGENT" 2>/dev/null || { echo "the agent died; log:" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
HZ=$(getconf CLK_TCK)
lines0=$(wc -l < "$WORK/agent.log")
a0=$(cpu_ticks "$AGENT"); s0=$(cpu_ticks "$SIM_PID")
load0=$(uptime | sed 's/.*load average/load average/')
sleep "$WINDOW"
a1=$(cpu_ticks "$AGENT"); s1=$(cpu_ticks "$SIM_PID")
tail -n +"$((lines0 + 1))" "$WORK/agent.log" > "$WORK/window.log"
echo "window: ${WINDOW} s after ${WARMUP} s; $load0 -> $(uptime | sed 's/.*load average/load average/')"
awk -v a=$((a1 - a0)) -v s=$((s1 - s0)) -v hz="$HZ" -v w="$WINDOW" -v n="$N" 'BEGIN {
    printf "agent CPU: %.2f s in %d s = %.1f %% of one core; %.3f ms per poll (%d polls expected)\n", a / hz, w, 100 * a / hz / w, 1000 * a / hz / (n * w / 5), n * w / 5
    printf "snmpsimd CPU: %.2f s = %.1f %% of one core\n", s / hz, 100 * s / hz / w }'
grep -E '^(VmRSS|VmHWM|Threads)' "/proc/$AGENT/status" | tr -s ' \t' ' ' | paste -sd ';' -
stale=$(grep -c 'sensor channel .*: no reading for' "$WORK/window.log" || true)
echo "in the window: $stale stale warnings; $(grep -c ' WARN ' "$WORK/window.log" || true) warnings in all"
if [[ -n ${VIGIE_AGENT_LOG:-} ]]; then
    cp "$WORK/agent.log" "$VIGIE_AGENT_LOG"
fi
echo "end: $(date -u +%FT%TZ)"
