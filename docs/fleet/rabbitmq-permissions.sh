#!/bin/sh
# Per-site isolation on RabbitMQ: each agent may publish only under vigie/<its site>/…
# MQTT topics are routed through the topic exchange amq.topic, where "/" becomes "." :
# vigie/clichy-dc1/room-b1/events is the routing key vigie.clichy-dc1.room-b1.events.
# Topic permissions are regular expressions over those routing keys.
set -e
site=clichy-dc1
for agent in room-b1 room-b2; do
  user="vigie-$site-$agent"               # = the CN of the agent's client certificate
  rabbitmqctl add_user "$user" "$(head -c 24 /dev/urandom | base64)"   # unused with certificates
  # configure/write/read on queues and exchanges: its own subscription queues, amq.topic.
  rabbitmqctl set_permissions -p / "$user" "^(mqtt-subscription-$user.*|amq\.topic)$" "^(mqtt-subscription-$user.*|amq\.topic)$" "^(mqtt-subscription-$user.*|amq\.topic)$"
  # write: its own tree and its site's shutdown commands; read: its commands and its listeners' acks.
  rabbitmqctl set_topic_permissions -p / "$user" amq.topic \
    "^vigie\.$site\.($agent\..*|shutdown\.[^.]+)$" \
    "^vigie\.$site\.($agent\.cmd\..*|shutdown\..*|listeners\..*)$"
done
# The board reads everything and writes nothing.
rabbitmqctl add_user vigie-board "$(cat /etc/vigie/board-mqtt.pass)"
rabbitmqctl set_permissions -p / vigie-board "^(mqtt-subscription-vigie-board.*|amq\.topic)$" "^(mqtt-subscription-vigie-board.*|amq\.topic)$" "^(mqtt-subscription-vigie-board.*|amq\.topic)$"
rabbitmqctl set_topic_permissions -p / vigie-board amq.topic "^$" "^vigie\..*"
