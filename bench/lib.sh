# Shared by startup.sh and rss.sh: a private Mosquitto on a free port, and cleanup.
# Source it after `set -euo pipefail`; it sets WORK (a temp dir) and a trap that cleans up.

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VIGIE_JAR=${VIGIE_JAR:-$ROOT_DIR/agent/target/vigie.jar}
# The flags the systemd unit gives the agent (override to compare).
read -r -a JVM_FLAGS <<< "${VIGIE_JVM_FLAGS:--Xmx32m -XX:+UseSerialGC -Xss256k}"
# VIGIE_LAUNCHER=/usr/bin/vigie runs the installed package's launcher (its own flags) instead.
if [[ -n ${VIGIE_LAUNCHER:-} ]]; then
    VIGIE_CMD=("$VIGIE_LAUNCHER")
else
    VIGIE_CMD=(java "${JVM_FLAGS[@]}" -jar "$VIGIE_JAR")
fi

WORK=$(mktemp -d -t vigie-bench.XXXXXX)
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need() {
    command -v "$1" >/dev/null || { echo "$1 is needed: $2" >&2; exit 2; }
}

check_tools() {
    need java "a JDK 17"
    need python3 "to find a free port"
    need mosquitto_sub "apt-get install mosquitto-clients"
    [[ -x /usr/sbin/mosquitto ]] || { echo "mosquitto is needed: apt-get install mosquitto" >&2; exit 2; }
    [[ -n ${VIGIE_LAUNCHER:-} || -f $VIGIE_JAR ]] || { echo "$VIGIE_JAR is missing: mvn -B -DskipTests package" >&2; exit 2; }
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now_ms() {
    echo $(( $(date +%s%N) / 1000000 ))
}

# start_broker: sets BROKER_PORT; the broker runs as root from $WORK/broker (PEERS.md: `user root`).
start_broker() {
    BROKER_PORT=$(free_port)
    mkdir -p "$WORK/broker"
    cat > "$WORK/broker/mosquitto.conf" <<CONF
user root
listener $BROKER_PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest file $WORK/broker/mosquitto.log
CONF
    /usr/sbin/mosquitto -c "$WORK/broker/mosquitto.conf" > "$WORK/broker/stdout.log" 2>&1 &
    PIDS+=($!)
    local i
    for i in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then
            return 0
        fi
        sleep 0.05
    done
    echo "mosquitto did not listen on $BROKER_PORT; see $WORK/broker" >&2
    exit 1
}

machine() {
    echo "machine: $(nproc) core(s), $(uptime | sed 's/.*load average/load average/')"
    echo "java: $(java -version 2>&1 | head -1); command: ${VIGIE_CMD[*]}"
}
