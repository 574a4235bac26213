#!/usr/bin/env bash
# The class list for the agent's class-data sharing archive (CDS): the classes a starting
# `vigie run` loads, written by the JVM while it runs a small configuration for a few seconds.
# The package ships the list; /usr/share/vigie/vigie-cds turns it into an archive for the
# installed JDK (an archive is tied to one JDK build, the list is not).
# Usage: classlist.sh VIGIE_JAR OUT_FILE
set -euo pipefail
jar=$1
out=$2
work=$(mktemp -d -t vigie-classlist.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Port 1 (tcpmux, never served): the agent starts its sensors, rules and MQTT client, and
# retries the broker.
port=1
echo 21500 > "$work/temp"
echo 0 > "$work/leak"
cat > "$work/agent.yaml" <<YAML
site: build
agent: classlist
state_dir: $work/state
mqtt: {urls: [tcp://127.0.0.1:$port]}
sensors:
  - {id: temp, type: file, path: $work/temp, scale: 0.001, unit: "°C", kind: temperature, interval: 1s}
  - {id: leak, type: file, path: $work/leak, kind: leak, interval: 1s}
rules:
  - {id: hot, sensor: temp, above: {warning: 27, critical: 32}, hysteresis: 1.0, for: 5s}
  - {id: rising, sensor: temp, rate: {above: 2.0, per: 1m}, severity: warning}
  - {id: wet, sensor: leak, when: active, severity: critical}
YAML

java -Xshare:off -XX:DumpLoadedClassList="$work/classlist" -XX:+UseSerialGC \
    -jar "$jar" run --config "$work/agent.yaml" > "$work/agent.log" 2>&1 &
agent=$!
sleep 1
echo 33000 > "$work/temp"; echo 1 > "$work/leak"
sleep 4
kill "$agent"
wait "$agent" || true
# Lambda-form and hidden classes (@lambda-proxy, @lambda-form-invoker) are JDK-build specific:
# keep plain class names only.
grep -v '^@' "$work/classlist" > "$out" || true
count=$(wc -l < "$out")
if (( count < 500 )); then
    echo "classlist.sh: only $count classes were listed; the agent's log:" >&2
    tail -20 "$work/agent.log" >&2
    exit 1
fi
echo "classlist.sh: $count classes in $out"
