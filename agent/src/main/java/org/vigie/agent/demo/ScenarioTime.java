package org.vigie.agent.demo;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo runs {@code speed} times faster than the night it tells: this turns the run's instants
 * and durations back into scenario time, so the timeline reads "60 s countdown" and "°C per minute"
 * where the run really used one second.
 */
final class ScenarioTime {
    private static final Pattern PER = Pattern.compile("\\bper (\\d+(?:\\.\\d+)?)(ms|s|m|h)\\b");
    private static final Pattern RUNS_AT = Pattern.compile("runs at (\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z)");

    private final double speed;
    private volatile long originMillis = -1;

    ScenarioTime(double speed) {
        this.speed = speed;
    }

    /** The run's start (the agent's {@code started} event): scenario time 00:00. Only the first counts. */
    void origin(long epochMillis) {
        if (originMillis < 0) {
            originMillis = epochMillis;
        }
    }

    /** {@code mm:ss} of scenario time at a real instant. */
    String clock(long epochMillis) {
        double s = originMillis < 0 ? 0 : (epochMillis - originMillis) / 1e3 * speed;
        long whole = Math.max(0, Math.round(s));
        return String.format("%02d:%02d", whole / 60, whole % 60);
    }

    /** Whole scenario seconds of a real duration. */
    long seconds(double realSeconds) {
        return Math.round(realSeconds * speed);
    }

    /** A real duration as scenario words: {@code minute}, {@code hour}, or {@code 90 s}, {@code 5 min}. */
    String duration(double realSeconds) {
        long s = seconds(realSeconds);
        if (s == 60) {
            return "minute";
        }
        if (s == 3600) {
            return "hour";
        }
        return s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    /** Rewrites the run's durations ({@code per 1s}) and instants ({@code runs at 2026-…Z}) in a message. */
    String text(String message) {
        Matcher m = PER.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            double realSeconds = switch (m.group(2)) {
                case "ms" -> value / 1000;
                case "m" -> value * 60;
                case "h" -> value * 3600;
                default -> value;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement("per " + duration(realSeconds)));
        }
        m.appendTail(sb);
        Matcher r = RUNS_AT.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (r.find()) {
            String at;
            try {
                at = clock(Instant.parse(r.group(1)).toEpochMilli());
            } catch (DateTimeParseException e) {
                at = r.group(1);
            }
            r.appendReplacement(out, Matcher.quoteReplacement("runs at " + at));
        }
        r.appendTail(out);
        return out.toString();
    }
}
