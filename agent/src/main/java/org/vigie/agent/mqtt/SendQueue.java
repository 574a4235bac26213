package org.vigie.agent.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits for a broker, in order. A retained message with no durable copy (telemetry) is
 * replaced by a newer one of the same topic while it waits; the latest of every retained topic is
 * kept to be sent again after each (re)connection. Bounded: when full, the oldest message without
 * a durable copy goes; a durable one is never dropped to make room. Used by the MQTT thread only.
 */
final class SendQueue {
    private static final Logger log = LoggerFactory.getLogger(SendQueue.class);

    private final int capacity;
    private final Deque<Message> queue = new ArrayDeque<>();
    private final Map<String, Message> waitingRetained = new HashMap<>();
    private final Map<String, byte[]> latestRetained = new LinkedHashMap<>();
    private long dropped;

    SendQueue(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return queue.size();
    }

    Message peek() {
        return queue.peekFirst();
    }

    /** Takes the first message: it is being handed to the client. */
    void remove(Message m) {
        queue.removeFirst();
        waitingRetained.remove(m.topic, m);
    }

    void add(Message m) {
        if (m.retained) {
            latestRetained.put(m.topic, m.payload);
        }
        if (coalesces(m)) {
            Message waiting = waitingRetained.get(m.topic);
            if (waiting != null) {
                waiting.payload = m.payload;
                return;
            }
        }
        if (queue.size() >= capacity && !makeRoom()) {
            if (dropped++ % 1000 == 0) {
                log.error("MQTT queue full ({} messages, all kept on disk): new messages wait on disk only and are "
                        + "delivered after the agent restarts; {} so far", capacity, dropped);
            }
            return;
        }
        queue.addLast(m);
        if (coalesces(m)) {
            waitingRetained.put(m.topic, m);
        }
    }

    private static boolean coalesces(Message m) {
        return m.retained && !m.durable;
    }

    /** Drops the oldest message that has no durable copy (telemetry); false when there is none. */
    private boolean makeRoom() {
        Iterator<Message> it = queue.iterator();
        while (it.hasNext()) {
            Message old = it.next();
            if (!old.durable) {
                it.remove();
                waitingRetained.remove(old.topic, old);
                if (dropped++ % 1000 == 0) {
                    log.warn("MQTT queue full ({} messages): dropped the oldest telemetry, {} so far", capacity, dropped);
                }
                return true;
            }
        }
        return false;
    }

    /** Messages that were in flight when the connection was lost go back first, in their order. */
    void putBack(List<Message> inflight) {
        for (int i = inflight.size() - 1; i >= 0; i--) {
            Message m = inflight.get(i);
            if (coalesces(m) && waitingRetained.containsKey(m.topic)) {
                continue;
            }
            queue.addFirst(m);
            if (coalesces(m)) {
                waitingRetained.put(m.topic, m);
            }
        }
    }

    /** After a (re)connection every retained topic is sent again first, so a new broker's dashboards are whole. */
    void requeueRetained() {
        List<Message> fresh = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : latestRetained.entrySet()) {
            if (!waitingRetained.containsKey(e.getKey())) {
                Message m = new Message(e.getKey(), e.getValue(), true, false, null);
                fresh.add(m);
                waitingRetained.put(e.getKey(), m);
            }
        }
        for (int i = fresh.size() - 1; i >= 0; i--) {
            queue.addFirst(fresh.get(i));
        }
    }
}
