"""A client that pipelines, as MQTT allows: paho-mqtt (Debian's python3-paho-mqtt) sends
SUBSCRIBE right after CONNECT, before the broker's CONNACK. Prints how many messages arrived
on the filter within the time given; exits 0 when at least one did.

usage: /usr/bin/python3 pipelined_subscribe.py PORT FILTER SECONDS
"""
import sys
import time

import paho.mqtt.client as mqtt

port, topic_filter, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
received = []
client = mqtt.Client()
client.on_message = lambda c, userdata, message: received.append(message.topic)
client.connect("127.0.0.1", port)
client.subscribe(topic_filter, 1)  # before loop_start(): goes out with the CONNECT, before CONNACK
client.loop_start()
deadline = time.time() + seconds
while time.time() < deadline and not received:
    time.sleep(0.05)
time.sleep(0.5)
client.loop_stop()
print("received %d message(s), first on %s" % (len(received), received[0] if received else "-"))
sys.exit(0 if received else 1)
