package org.vigie.agent.timeline;

import com.fasterxml.jackson.databind.JsonNode;

/** A step of an ordered recovery (docs/recovery.md) as one line of the timeline. */
final class RecoveryText {
    private RecoveryText() {
    }

    static String describe(JsonNode e) {
        String group = e.path("group").asText();
        String text = switch (e.path("step").asText()) {
            case "waiting" -> "waiting: policy " + e.path("policy").asText() + " stopped " + list(e.path("groups"))
                    + "; wakes them once its alarms have cleared";
            case "resumed" -> "sent back to waiting by " + e.path("by").asText();
            case "settling" -> "settling: every alarm of " + e.path("policy").asText() + " cleared; waking in "
                    + e.path("settle_s").asText() + " s if none returns";
            case "confirm" -> "waits for a person: vigie recover --policy " + e.path("recovery").asText();
            case "confirmed" -> "confirmed by " + e.path("by").asText();
            case "skipped" -> "group " + group + " skipped: the policy did not shut it down";
            case "waking" -> "waking group " + group + " (" + list(e.path("wake")) + ")";
            case "woken" -> "group " + group + " woken: " + list(e.path("outcome"));
            case "back" -> "group " + group + " back (every listener online, " + e.path("after_ms").asText() + " ms after waking)";
            case "timeout" -> "group " + group + " NOT back in time; missing " + list(e.path("missing")) + "; next group";
            case "complete" -> "complete: every server the policy stopped is back";
            case "incomplete" -> "INCOMPLETE: not back: " + list(e.path("missing"));
            case "stopped" -> "STOPPED: alarm(s) back: " + list(e.path("alarms"));
            default -> e.path("step").asText();
        };
        return String.format("%-8s %s %s", "RECOVERY", e.path("recovery").asText(), text);
    }

    private static String list(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(a -> sb.append(sb.length() == 0 ? "" : ", ").append(a.asText()));
        return sb.toString();
    }
}
