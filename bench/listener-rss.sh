#!/usr/bin/env bash
# Resident memory of an idle `vigie listen` (the shutdown listener on each server), with the JVM
# flags of systemd/vigie-listen.service, against a private Mosquitto: VmRSS every 30 s, then
# VmRSS, VmHWM and the thread count after SECONDS (default 300).
# Needs agent/target/vigie.jar (mvn -B -DskipTests package). Usage: bench/listener-rss.sh [SECONDS]
# Environment: VIGIE_JVM_FLAGS and MALLOC_ARENA_MAX (default: the listener unit's).
set -euo pipefail
VIGIE_JVM_FLAGS=${VIGIE_JVM_FLAGS:--Xms8m -Xmx32m -XX:+UseSerialGC -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1 -XX:-UsePerfData}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_TO_RUN=${1:-300}
check_tools
start_broker
java -jar "$VIGIE_JAR" keygen --out "$WORK/room" > /dev/null
cat > "$WORK/listener.yaml" <<YAML
site: bench
host: db1
state_dir: $WORK/state
mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}
groups: [rack-a-db, rack-a-all]
trusted_keys: [$WORK/room.pub]
command: ["/bin/true"]
dry_run: true
YAML

machine
java "${JVM_FLAGS[@]}" -jar "$VIGIE_JAR" listen --config "$WORK/listener.yaml" > "$WORK/listener.log" 2>&1 &
listener=$!
PIDS+=("$listener")

field() { awk -v f="$1:" '$1 == f {print $2, $3}' "/proc/$listener/status"; }
alive() { kill -0 "$listener" 2>/dev/null || { echo "the listener exited; its log:" >&2; tail -20 "$WORK/listener.log" >&2; exit 1; }; }

start=$(date +%s)
while (( $(date +%s) - start < SECONDS_TO_RUN )); do
    sleep $(( SECONDS_TO_RUN < 30 ? SECONDS_TO_RUN : 30 ))
    alive
    echo "after $(( $(date +%s) - start )) s: VmRSS $(field VmRSS)"
done
alive
grep -qi "connected" "$WORK/listener.log" || { echo "the listener never connected; its log:" >&2; tail -20 "$WORK/listener.log" >&2; exit 1; }
echo "$(date -u +%FT%TZ) $(uptime | sed 's/.*load average/load average/')"
echo "after $SECONDS_TO_RUN s: VmRSS $(field VmRSS), VmHWM $(field VmHWM), threads $(field Threads)"
