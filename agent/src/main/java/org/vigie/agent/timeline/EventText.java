package org.vigie.agent.timeline;

import com.fasterxml.jackson.databind.JsonNode;

/** One journal event as one line of an incident report: what changed, and the value that caused it. */
final class EventText {
    private EventText() {
    }

    static String describe(JsonNode e) {
        String type = e.path("type").asText();
        switch (type) {
            case "alarm":
                return alarm(e);
            case "shutdown":
                return shutdown(e);
            case "notify":
                return notify(e);
            case "recovery":
                return RecoveryText.describe(e);
            case "agent":
                return String.format("%-8s %s", "AGENT", agent(e));
            case "journal":
                return String.format("%-8s dropped %s undelivered event(s), seq %s to %s (written %s to %s)", "JOURNAL",
                        e.path("count").asText(), e.path("from_seq").asText(), e.path("to_seq").asText(),
                        e.path("from_ts").asText(), e.path("to_ts").asText());
            default:
                return String.format("%-8s %s", type.toUpperCase(java.util.Locale.ROOT), e.toString());
        }
    }

    private static String alarm(JsonNode e) {
        String transition = e.path("transition").asText(e.path("state").asText());
        String severity = e.path("severity").asText();
        String change = switch (transition) {
            case "escalated", "deescalated" -> transition + " " + e.path("previous_severity").asText() + " → " + severity;
            case "acknowledged" -> "acknowledged by " + e.path("acked_by").asText() + " (" + severity + ")";
            default -> transition + " " + severity;
        };
        return String.format("%-8s %s %s: %s", "ALARM", e.path("alarm").asText(), change, e.path("message").asText());
    }

    private static String shutdown(JsonNode e) {
        String policy = e.path("policy").asText();
        String step = e.path("step").asText();
        String text = switch (step) {
            case "triggered" -> "triggered by " + list(e.path("alarms"));
            case "commanded" -> "commanded group " + e.path("group").asText() + " (command seq " + commandSeq(e)
                    + ", " + e.path("delay_s").asText() + " s countdown)";
            case "cancel_sent" -> "cancel sent to group " + e.path("group").asText() + " (command seq " + commandSeq(e) + ")";
            case "ack" -> e.path("host").asText() + " of " + e.path("group").asText() + ": " + e.path("ack").asText()
                    + " (command seq " + commandSeq(e) + ")"
                    + (e.path("reason").isTextual() ? " (" + e.path("reason").asText() + ")" : "");
            default -> step;
        };
        return String.format("%-8s %s %s", "SHUTDOWN", policy, text);
    }

    /** The command's number: {@code command_seq}; journals written before it existed had it in {@code seq}. */
    private static String commandSeq(JsonNode e) {
        return e.has("command_seq") ? e.path("command_seq").asText() : e.path("seq").asText();
    }

    private static String notify(JsonNode e) {
        String what = e.path("kind").asText() + (e.path("alarm").isTextual() ? " " + e.path("alarm").asText() : "");
        String to = e.path("channel").asText() + (e.path("recipient").isTextual() ? " (" + e.path("recipient").asText() + ")" : "");
        String attempt = e.has("attempt") ? ", attempt " + e.path("attempt").asText() : "";
        String text = switch (e.path("outcome").asText()) {
            case "sent" -> what + " sent on " + to + attempt + ": " + e.path("detail").asText();
            case "failed" -> what + " NOT sent on " + to + attempt + ": " + e.path("error").asText() + "; retry in "
                    + e.path("retry_in_s").asText() + " s";
            case "expired" -> what + " GIVEN UP on " + to + attempt + ": " + e.path("error").asText();
            case "dropped" -> what + " dropped on " + to + ": " + e.path("error").asText();
            default -> what + " " + e.path("outcome").asText() + " on " + to;
        };
        return String.format("%-8s %s", "NOTIFY", text);
    }

    private static String agent(JsonNode e) {
        if (e.path("state").asText().equals("started")) {
            return "started (" + e.path("sensors").asText() + " sensors, " + e.path("rules").asText() + " rules)";
        }
        return e.path("state").asText();
    }

    private static String list(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(a -> sb.append(sb.length() == 0 ? "" : ", ").append(a.asText()));
        return sb.toString();
    }
}
