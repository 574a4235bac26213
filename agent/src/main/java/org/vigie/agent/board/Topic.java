package org.vigie.agent.board;

import java.util.regex.Pattern;

/**
 * One agent topic the board reads: {@code vigie/<site>/<agent>/<part>[/<name>]}. Anything else
 * under {@code vigie/} (listeners, shutdown commands, a forged or garbled topic) is not an agent's.
 *
 * @param part {@code status}, {@code events}, {@code alarms} or {@code sensors}
 * @param name the alarm id or the channel, {@code null} for status and events
 */
record Topic(String site, String agent, String part, String name) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** The topic read, or {@code null} when it is not one of an agent's. */
    static Topic parse(String topic) {
        String[] p = topic.split("/", -1);
        if (p.length < 4 || !p[0].equals("vigie") || !ID.matcher(p[1]).matches() || !ID.matcher(p[2]).matches()) {
            return null;
        }
        if (p[2].equals("listeners") || p[2].equals("shutdown")) {
            return null;
        }
        return switch (p[3]) {
            case "status", "events" -> p.length == 4 ? new Topic(p[1], p[2], p[3], null) : null;
            case "alarms" -> p.length == 5 && CHANNEL.matcher(p[4]).matches() ? new Topic(p[1], p[2], p[3], p[4]) : null;
            case "sensors" -> p.length == 5 && CHANNEL.matcher(p[4]).matches() ? new Topic(p[1], p[2], p[3], p[4]) : null;
            default -> null;
        };
    }

    /** A topic under an agent root the board does not read (commands, shutdown progress, device info). */
    static boolean otherAgentTopic(String topic) {
        String[] p = topic.split("/", -1);
        return p.length >= 4 && p[0].equals("vigie")
                && (p[3].equals("cmd") || p[3].equals("shutdown") || p[3].equals("recovery")
                    || (p[3].equals("sensors") && p.length == 6 && p[5].equals("info")))
                || p.length >= 3 && p[0].equals("vigie") && (p[2].equals("listeners") || p[2].equals("shutdown"));
    }
}
