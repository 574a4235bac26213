#!/usr/bin/env bash
# What `vigie run` writes to its disk (an SD card on a Pi) with a typical room's configuration:
# 10 sensors at their default intervals, 10 rules, a webhook notification channel.
# Two phases on one agent process:
#   quiet  QUIET seconds, values steady, no alarm changes: the writes that happen anyway;
#   busy   BUSY seconds, one leak contact toggled every 5 s: each toggle raises or clears a
#          critical alarm (event journal, alarm state, notification outbox).
# For each phase it prints the agent's /proc/PID/io deltas (wchar: bytes handed to write(2),
# sockets and the log pipe included;
# write_bytes: bytes this process caused to be sent to the block device) and the fsync and
# fdatasync calls counted by strace. Needs strace, mosquitto, agent/target/vigie.jar.
# Usage: bench/sd-writes.sh [QUIET_SECONDS [BUSY_SECONDS]]   (defaults 600 and 300)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUIET=${1:-600}
BUSY=${2:-300}
check_tools
need strace "apt-get install strace"
start_broker
mkdir -p "$WORK/values"

# A webhook receiver that answers 204 to every POST.
HOOK_PORT=$(free_port)
python3 - "$HOOK_PORT" > "$WORK/hook.log" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
PIDS+=($!)

for t in t1 t2 t3 t4 t5 t6; do echo 22500 > "$WORK/values/$t"; done
for h in h1 h2; do echo 45000 > "$WORK/values/$h"; done
for l in leak1 leak2; do echo 0 > "$WORK/values/$l"; done

cat > "$WORK/agent.yaml" <<YAML
site: bench
agent: sd
state_dir: $WORK/state
mqtt: {urls: [tcp://127.0.0.1:$BROKER_PORT]}
sensors:
$(for t in t1 t2 t3 t4 t5 t6; do echo "  - {id: $t, type: file, path: $WORK/values/$t, scale: 0.001, unit: \"°C\", kind: temperature}"; done)
$(for h in h1 h2; do echo "  - {id: $h, type: file, path: $WORK/values/$h, scale: 0.001, unit: \"%\", kind: humidity}"; done)
$(for l in leak1 leak2; do echo "  - {id: $l, type: file, path: $WORK/values/$l, kind: leak}"; done)
rules:
$(for t in t1 t2 t3 t4 t5 t6; do echo "  - {id: hot-$t, sensor: $t, above: {warning: 27, critical: 32}, hysteresis: 1.0, for: 30s}"; done)
$(for h in h1 h2; do echo "  - {id: humid-$h, sensor: $h, above: {warning: 70}}"; done)
$(for l in leak1 leak2; do echo "  - {id: water-$l, sensor: $l, when: active, severity: critical}"; done)
notify:
  channels:
    - {id: chat, type: webhook, url: "http://127.0.0.1:$HOOK_PORT/hook"}
  routes:
    - {severity: warning, channels: [chat]}
YAML

machine
# The log goes through a pipe, as to journald under systemd, so the agent's write_bytes are its own files.
java "${JVM_FLAGS[@]}" -jar "$VIGIE_JAR" run --config "$WORK/agent.yaml" > >(cat > "$WORK/agent.log") 2>&1 &
agent=$!
PIDS+=("$agent")
for i in $(seq 1 200); do
    grep -q "connected to MQTT broker" "$WORK/agent.log" && break
    sleep 0.1
done
sleep 15 # past start-up (its own journal event and first retained messages)

io() { awk -v f="$1:" '$1 == f {print $2}' "/proc/$agent/io"; }

# phase NAME SECONDS ACTION: counts fsyncs with strace attached for the phase only.
phase() {
    local name=$1 seconds=$2 action=$3
    local w0 b0 c0 t0
    w0=$(io wchar); b0=$(io write_bytes); c0=$(io syscw); t0=$(grep -c ' alarm ' "$WORK/agent.log" || true)
    local l0
    l0=$(stat -c %s "$WORK/agent.log")
    strace -qq -f -c -e trace=fsync,fdatasync -p "$agent" -o "$WORK/strace-$name.txt" &
    local tracer=$!
    sleep 1
    local end=$(( $(date +%s) + seconds ))
    while (( $(date +%s) < end )); do
        $action
        sleep 5
    done
    kill -INT "$tracer"
    wait "$tracer" || true
    kill -0 "$agent" || { echo "the agent exited; its log:" >&2; tail -20 "$WORK/agent.log" >&2; exit 1; }
    local transitions
    transitions=$(( $(grep -c ' alarm ' "$WORK/agent.log" || true) - t0 ))
    local logged
    logged=$(stat -c %s "$WORK/agent.log")
    echo "phase $name, $seconds s: log $(( logged - l0 )) B, wchar $(( $(io wchar) - w0 )) B, write_bytes $(( $(io write_bytes) - b0 )) B," \
        "write calls $(( $(io syscw) - c0 )), alarm transitions $transitions"
    grep -E 'fsync|fdatasync|total' "$WORK/strace-$name.txt" | sed 's/^/    /' || echo "    no fsync"
}

leak=0
toggle() {
    leak=$((1 - leak))
    echo "$leak" > "$WORK/values/leak1.tmp"
    mv "$WORK/values/leak1.tmp" "$WORK/values/leak1"
}

phase quiet "$QUIET" true
phase busy "$BUSY" toggle
echo "$(date -u +%FT%TZ) $(uptime | sed 's/.*load average/load average/')"
echo "state_dir after the run:"
(cd "$WORK/state" && find . -type f -printf '    %p %s B\n' | sort)
if [[ -n ${VIGIE_AGENT_LOG:-} ]]; then
    cp "$WORK/agent.log" "$VIGIE_AGENT_LOG"
fi
