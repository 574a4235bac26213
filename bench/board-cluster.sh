#!/usr/bin/env bash
# Board latency on a 3-node RabbitMQ cluster (MQTT plugin, quorum queues), with or without a
# node SIGKILLed mid-run. Starts its own nodes (random names, free ports, a temp dir and its own
# Erlang cookie; Debian's node is left alone) and kills them at the end.
#
#   bench/board-cluster.sh [--kill] [BoardLatency options…]
#
# --kill: node 1 (the first URL: the board's, the probe's and a third of the load agents') is
# SIGKILLed before event 100. Needs: rabbitmq-server, mvn -B -DskipTests package.
set -euo pipefail
ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_JAR=$ROOT_DIR/bench/target/benchmarks.jar
RMQ=/usr/lib/rabbitmq/bin
[[ -x $RMQ/rabbitmq-server ]] || { echo "rabbitmq-server is needed (apt-get install rabbitmq-server)" >&2; exit 2; }
[[ -f $BENCH_JAR ]] || { echo "$BENCH_JAR is missing: mvn -B -DskipTests package" >&2; exit 2; }
KILL=0
if [[ ${1:-} == --kill ]]; then KILL=1; shift; fi

WORK=$(mktemp -d -t vigie-rmq.XXXXXX)
TAG=vb$RANDOM$RANDOM
export HOME=$WORK/home
mkdir -p "$HOME"
echo -n "${TAG^^}COOKIE" > "$HOME/.erlang.cookie"
chmod 400 "$HOME/.erlang.cookie"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cleanup() {
    for i in 1 2 3; do
        [[ -f $WORK/n$i/pid ]] && kill -9 "$(cat "$WORK/n$i/pid")" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

declare -a MQTT
for i in 1 2 3; do
    d=$WORK/n$i; mkdir -p "$d"
    MQTT[$i]=$(free_port); amqp=$(free_port); dist=$(free_port)
    printf 'listeners.tcp.default = %s\nmqtt.listeners.tcp.default = %s\nmqtt.durable_queue_type = quorum\nmqtt.allow_anonymous = true\nloopback_users = none\n' \
        "$amqp" "${MQTT[$i]}" > "$d/rabbitmq.conf"
    RABBITMQ_NODENAME=${TAG}n$i@localhost RABBITMQ_NODE_PORT=$amqp RABBITMQ_DIST_PORT=$dist \
    RABBITMQ_MNESIA_BASE=$d/mnesia RABBITMQ_LOG_BASE=$d/log RABBITMQ_PID_FILE=$d/pid \
    RABBITMQ_CONFIG_FILE=$d/rabbitmq.conf RABBITMQ_ADVANCED_CONFIG_FILE=$d/advanced.config \
    RABBITMQ_ENABLED_PLUGINS=rabbitmq_mqtt RABBITMQ_ENABLED_PLUGINS_FILE=$d/enabled_plugins \
    RABBITMQ_CONF_ENV_FILE=$d/rabbitmq-env.conf \
        setsid "$RMQ/rabbitmq-server" > "$d/stdout.log" 2>&1 < /dev/null &
done
for i in 1 2 3; do
    until "$RMQ/rabbitmqctl" -n "${TAG}n$i@localhost" await_startup --timeout 20 > /dev/null 2>&1; do sleep 1; done
done
for i in 2 3; do
    "$RMQ/rabbitmqctl" -n "${TAG}n$i@localhost" stop_app > /dev/null
    "$RMQ/rabbitmqctl" -n "${TAG}n$i@localhost" join_cluster "${TAG}n1@localhost" > /dev/null
    "$RMQ/rabbitmqctl" -n "${TAG}n$i@localhost" start_app > /dev/null
done
echo "cluster ${TAG}n1..3@localhost up: MQTT on ${MQTT[1]}, ${MQTT[2]}, ${MQTT[3]}"
URLS=tcp://127.0.0.1:${MQTT[1]},tcp://127.0.0.1:${MQTT[2]},tcp://127.0.0.1:${MQTT[3]}
ARGS=(--urls "$URLS")
if (( KILL )); then ARGS+=(--kill-pid-file "$WORK/n1/pid" --kill-at ${KILL_AT:-100}); fi
LOG=${BOARD_BENCH_LOG:-/tmp/vigie-board-cluster.log}
java -cp "$BENCH_JAR" org.vigie.bench.BoardLatency "${ARGS[@]}" "$@" > "$LOG" 2>&1 || true
grep -v ' INFO \| WARN \| ERROR ' "$LOG" | grep -v '^\s' || true
echo "(full log: $LOG)"
