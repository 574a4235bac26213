package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the board knows of one agent: whether it is reachable and since when, its raised alarms,
 * its recent timeline and the continuity of its event numbers. Board thread only.
 */
final class AgentView {
    static final int TIMELINE = 300;

    final String site;
    final String agent;
    /** Last sign of life: a live (not retained) message of any kind. */
    Instant lastSeen;
    boolean reachable;
    Instant reachableSince;
    /** Why it is unreachable: {@code will} (its status said offline) or {@code silent}. */
    String why;
    final Map<String, ActiveAlarm> alarms = new TreeMap<>();
    final Deque<ObjectNode> timeline = new ArrayDeque<>();
    SeqTrack seq = new SeqTrack();
    long events;

    AgentView(String site, String agent, Instant now) {
        this.site = site;
        this.agent = agent;
        this.lastSeen = now;
        this.reachable = true;
        this.reachableSince = now;
    }

    String key() {
        return site + "/" + agent;
    }

    /** A live message arrived: the agent is alive; true when that changed its reachability. */
    boolean alive(Instant now) {
        lastSeen = now;
        if (!reachable) {
            reachable = true;
            reachableSince = now;
            why = null;
            return true;
        }
        return false;
    }

    /** Unreachable from {@code at}: true when that changed anything. */
    boolean unreachable(Instant at, String reason) {
        if (reachable) {
            reachable = false;
            reachableSince = at;
            why = reason;
            return true;
        }
        return false;
    }

    void remember(ObjectNode event) {
        timeline.addLast(event);
        while (timeline.size() > TIMELINE) {
            timeline.removeFirst();
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
