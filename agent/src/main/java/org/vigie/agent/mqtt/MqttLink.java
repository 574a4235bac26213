package org.vigie.agent.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to its brokers. It keeps trying to connect (Paho does not retry a failed
 * first connect), keeps what must be published while no broker is reachable, and on every
 * (re)connection publishes {@code online}, every retained topic's latest state, then what waited,
 * in order. A message leaves the queue only when the broker has acknowledged it (QoS 1).
 *
 * <p>All client calls run on one thread, so ordering needs no locks. Thread-safe to call.
 */
public final class MqttLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    private static final int MAX_INFLIGHT = 500;
    /** About 10 MB of typical messages: within the agent's small heap. */
    private static final int MAX_QUEUED = 30_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A connection lost this soon after it was made counts as refused. */
    private static final Duration QUICK_LOSS = Duration.ofSeconds(2);
    private static final int QUICK_LOSSES_BEFORE_PAUSE = 3;

    private final MqttSettings settings;
    private final ScheduledExecutorService io;
    private final SendQueue queue = new SendQueue(MAX_QUEUED);
    private final Map<IMqttDeliveryToken, Message> inflight = new LinkedHashMap<>();
    private final Map<String, AckingHandler> subscriptions = new LinkedHashMap<>();
    private volatile boolean manualAcks;
    private MqttAsyncClient client;
    /** The broker being tried or used: {@code mqtt.urls} in order, back to the first after a loss. */
    private int urlIndex;
    private boolean connecting;
    private boolean stopped;
    private long backoffMs = 1000;
    /**
     * When the current connection was made; how many in a row were lost at once, by which broker,
     * and the pause before trying again after such losses (grows while they go on).
     */
    private long connectedAtNanos;
    private int quickLosses;
    private java.net.URI quickLossBroker;
    private long refusedBackoffMs = 1000;
    private volatile boolean connected;
    private volatile Runnable onConnected = () -> { };
    private volatile java.util.function.Consumer<String> onSent;

    public MqttLink(MqttSettings settings) {
        this.settings = settings;
        this.io = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigie-mqtt");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        io.execute(this::connect);
    }

    public boolean connected() {
        return connected;
    }

    /** Called on the MQTT thread after each successful (re)connection, before queued messages go. */
    public void onConnected(Runnable r) {
        this.onConnected = r;
    }

    /**
     * Called on the MQTT thread with the topic of every message just handed to the client (for
     * benchmarks: the end of the agent's own share of the latency).
     */
    public void onSent(java.util.function.Consumer<String> listener) {
        this.onSent = listener;
    }

    /** A retained message; its latest payload is republished on every connection. */
    public void publishRetained(String topic, byte[] payload) {
        io.execute(() -> {
            queue.add(new Message(topic, payload, true, false, null));
            drain();
        });
    }

    /** A non-retained message, delivered at least once and in order. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, false, null);
    }

    /**
     * A message the caller keeps a durable copy of (the journal, the command outbox): it is never
     * dropped to make room, and {@code onDelivered} runs on the MQTT thread once the broker has
     * acknowledged it, so the caller can release its copy.
     */
    public void publish(String topic, byte[] payload, boolean retained, Runnable onDelivered) {
        io.execute(() -> {
            queue.add(new Message(topic, payload, retained, onDelivered != null, onDelivered));
            drain();
        });
    }

    /** Subscribes (QoS 1), now if connected and again on every connection. */
    public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
        addSubscription(filter, (topic, payload, retained, ack) -> {
            handler.accept(topic, payload);
            ack.run();
        });
    }

    /**
     * A handler that acknowledges each message itself, once it has made it safe (persisted it):
     * until then the broker keeps it and delivers it again to a persistent session, so a process
     * killed in between loses nothing. {@code retained}: the broker kept this message and sends it
     * because of a (re)subscription, not because it was just published. {@code ack} may be run
     * from any thread, once.
     */
    public interface AckingHandler {
        void accept(String topic, byte[] payload, boolean retained, Runnable ack);
    }

    /**
     * Subscribes (QoS 1) with manual acknowledgement: the broker gets its PUBACK only when the
     * handler runs {@code ack}. Call before {@link #start()}; from then on every subscription of
     * this link is acknowledged that way (plain handlers as soon as they return).
     */
    public void subscribeAcking(String filter, AckingHandler handler) {
        manualAcks = true;
        addSubscription(filter, handler);
    }

    private void addSubscription(String filter, AckingHandler handler) {
        io.execute(() -> {
            subscriptions.put(filter, handler);
            if (connected) {
                subscribeNow(filter);
            }
        });
    }

    private void connect() {
        if (stopped || connected || connecting) {
            return;
        }
        connecting = true;
        java.net.URI broker = settings.config().urls().get(urlIndex);
        try {
            if (client == null || !client.getServerURI().equals(broker.toString())) {
                closeClient();
                client = settings.newClient(broker);
                client.setCallback(new Callback());
                client.setManualAcks(manualAcks);
            }
            client.connect(settings.options(broker), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    io.execute(() -> connected(token));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    io.execute(() -> failed(broker, e));
                }
            });
        } catch (MqttException | IllegalArgumentException e) {
            failed(broker, e);
        }
    }

    private void connected(IMqttToken token) {
        connecting = false;
        connected = true;
        backoffMs = 1000;
        connectedAtNanos = System.nanoTime();
        String uri = client.getCurrentServerURI();
        log.info("connected to MQTT broker {} as {}", uri, settings.clientId());
        subscriptions.keySet().forEach(this::subscribeNow);
        if (settings.statusTopic() != null) {
            sendNow(settings.statusTopic(), "online".getBytes(StandardCharsets.UTF_8), true);
        }
        queue.requeueRetained();
        onConnected.run();
        drain();
    }

    /** The next broker at once; after the last one, back to the first after a growing pause. */
    private void failed(java.net.URI broker, Throwable error) {
        connecting = false;
        String tls = Tls.explain(error);
        String e = tls != null ? tls : Errors.describe(error);
        if (stopped) {
            return;
        }
        if (broker.equals(quickLossBroker)) {
            // That broker is down now, not refusing this client's session: an ordinary outage.
            quickLosses = 0;
            quickLossBroker = null;
            refusedBackoffMs = 1000;
        }
        urlIndex = (urlIndex + 1) % settings.config().urls().size();
        if (urlIndex != 0) {
            log.warn("MQTT broker {} not reachable: {}; trying {}", broker, e,
                    settings.config().urls().get(urlIndex));
            io.execute(this::connect);
            return;
        }
        log.warn("MQTT broker {} not reachable: {}; retrying in {} ms", broker, e, backoffMs);
        io.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
    }

    private void lost(Throwable cause) {
        connected = false;
        queue.putBack(new ArrayList<>(inflight.values()));
        inflight.clear();
        if (stopped) {
            return;
        }
        java.net.URI broker = settings.config().urls().get(urlIndex);
        boolean quick = System.nanoTime() - connectedAtNanos < QUICK_LOSS.toNanos();
        quickLosses = quick ? quickLosses + 1 : 0;
        quickLossBroker = quick ? broker : null;
        if (quickLosses < QUICK_LOSSES_BEFORE_PAUSE) {
            if (!quick) {
                refusedBackoffMs = 1000;
            }
            log.warn("lost the MQTT broker {}: {}; {} message(s) wait", broker, Errors.describe(cause), queue.size());
            urlIndex = 0;
            io.execute(this::connect);
            return;
        }
        // A broker that accepts the connection and closes it at once refuses this client's session,
        // not the network: trying again at once would only repeat it. Next broker, after a pause.
        if (quickLosses == QUICK_LOSSES_BEFORE_PAUSE) {
            log.error("MQTT broker {} closes the connection of {} as soon as it is made ({} times in a row: {}); "
                    + "the broker refuses this session (on a RabbitMQ cluster: a durable session queue whose node is "
                    + "down, see docs/fleet.md); {} message(s) wait; trying the next broker every {} ms at most",
                    broker, settings.clientId(), quickLosses, Errors.describe(cause), queue.size(), refusedBackoffMs);
        }
        urlIndex = (urlIndex + 1) % settings.config().urls().size();
        io.schedule(this::connect, refusedBackoffMs, TimeUnit.MILLISECONDS);
        refusedBackoffMs = Math.min(refusedBackoffMs * 2, MAX_BACKOFF.toMillis());
    }

    private void drain() {
        while (connected && queue.size() > 0 && inflight.size() < MAX_INFLIGHT) {
            Message m = queue.peek();
            IMqttDeliveryToken token = sendNow(m.topic, m.payload, m.retained);
            if (token == null) {
                return;
            }
            queue.remove(m);
            inflight.put(token, m);
        }
    }

    private IMqttDeliveryToken sendNow(String topic, byte[] payload, boolean retained) {
        try {
            MqttMessage msg = new MqttMessage(payload);
            msg.setQos(1);
            msg.setRetained(retained);
            IMqttDeliveryToken token = client.publish(topic, msg);
            java.util.function.Consumer<String> sent = onSent;
            if (sent != null) {
                sent.accept(topic);
            }
            return token;
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                log.warn("MQTT publish to {} failed: {}", topic, Errors.describe(e));
            }
            return null;
        }
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(filter, settings.subscriptionQos());
        } catch (MqttException e) {
            log.warn("MQTT subscribe to {} failed: {}", filter, Errors.describe(e));
        }
    }

    /** How many messages wait for a broker (queued and in flight). */
    public int waiting() {
        return queue.size() + inflight.size();
    }

    /**
     * Publishes {@code offline} (when connected), disconnects and frees Paho's threads, within
     * {@code timeout}.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }

    public void close(Duration timeout) {
        CountDownLatch done = new CountDownLatch(1);
        io.execute(() -> {
            stopped = true;
            try {
                if (connected) {
                    IMqttDeliveryToken t = settings.statusTopic() == null ? null
                            : sendNow(settings.statusTopic(), "offline".getBytes(StandardCharsets.UTF_8), true);
                    if (t != null) {
                        t.waitForCompletion(timeout.toMillis() / 2);
                    }
                    client.disconnect(timeout.toMillis() / 4).waitForCompletion(timeout.toMillis() / 4);
                }
            } catch (MqttException e) {
                log.warn("MQTT disconnect: {}", Errors.describe(e));
            } finally {
                connected = false;
                closeClient();
                done.countDown();
            }
        });
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("MQTT did not close within {} ms", timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
    }

    private void closeClient() {
        if (client == null) {
            return;
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT close: {}", Errors.describe(e));
        }
        client = null;
    }

    /** Hands a message to every matching handler; with manual acks, acknowledges it when all of them have. */
    private void dispatch(String topic, byte[] payload, boolean retained, int id, int qos) {
        List<AckingHandler> matching = new ArrayList<>();
        subscriptions.forEach((filter, handler) -> {
            if (org.eclipse.paho.client.mqttv3.MqttTopic.isMatched(filter, topic)) {
                matching.add(handler);
            }
        });
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(matching.size());
        Runnable ack = () -> {
            if (left.decrementAndGet() == 0 && manualAcks) {
                io.execute(() -> acknowledge(id, qos));
            }
        };
        if (matching.isEmpty() && manualAcks) {
            acknowledge(id, qos);
        }
        matching.forEach(h -> h.accept(topic, payload, retained, ack));
    }

    private void acknowledge(int id, int qos) {
        if (client == null || !connected) {
            log.debug("MQTT message {} not acknowledged (not connected): the broker will deliver it again", id);
            return;
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            log.debug("MQTT acknowledgement of message {}: {}; the broker will deliver it again", id, Errors.describe(e));
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            io.execute(() -> lost(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            int id = message.getId();
            int qos = message.getQos();
            boolean retained = message.isRetained();
            io.execute(() -> dispatch(topic, payload, retained, id, qos));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            io.execute(() -> {
                Message m = inflight.remove(token);
                if (m != null && m.onDelivered != null) {
                    m.onDelivered.run();
                }
                drain();
            });
        }
    }
}
