package org.vigie.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.Severity;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;

/**
 * The automatic fault alarms. A channel that is not good raises {@code <channel>.fault}; but when
 * every channel of a sensor fails together (the device is unreachable), one {@code <sensor>.fault}
 * stands for them all — one alarm and one notification for a dead UPS, not nine.
 *
 * <ul>
 *   <li>A channel of a sensor with several channels that turns bad waits {@link #SETTLE} before
 *       its own alarm is raised: the other channels of the same read arrive within it, so a
 *       whole device failing never raises per-channel alarms first.</li>
 *   <li>While every channel is bad, {@code <sensor>.fault} is raised and the channels' own fault
 *       alarms are cleared ("folded into"); the channels' readings keep their quality and problem.</li>
 *   <li>Partial recovery: once one channel reads good again and the rest of that read is in
 *       (the settle), each channel still bad raises its own {@code <channel>.fault}, then
 *       {@code <sensor>.fault} clears — in that order, so a route or a policy that follows a
 *       channel's fault never sees a gap. The alarms always say which channels are missing now.</li>
 * </ul>
 *
 * A state not known yet (after a restart) is cleared by the first good reading, as an alarm
 * restored from {@code state_dir} must be. Not thread-safe: the engine thread feeds it.
 */
final class FaultFold {

    /** How long a lone channel's fault waits for the other channels of its read. */
    static final Duration SETTLE = Duration.ofMillis(500);

    private final Map<String, List<String>> channelsOf = new LinkedHashMap<>();
    private final Map<String, String> sensorOf = new HashMap<>();
    private final Map<String, Reading> bad = new HashMap<>();
    private final Map<String, Instant> badSince = new HashMap<>();
    /** When each sensor last stopped failing as a whole: its channels still bad settle from there. */
    private final Map<String, Instant> answeredAgain = new HashMap<>();
    /** Whether each alarm is raised as far as this class knows; absent: not known (after a start). */
    private final Map<String, Boolean> raised = new HashMap<>();

    /** @param channels every channel address; those of one sensor share the prefix before the dot */
    FaultFold(Iterable<String> channels) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String c : channels) {
            int dot = c.indexOf('.');
            groups.computeIfAbsent(dot < 0 ? c : c.substring(0, dot), k -> new ArrayList<>()).add(c);
        }
        groups.forEach((sensor, list) -> {
            if (list.size() > 1) {
                channelsOf.put(sensor, List.copyOf(list));
                list.forEach(c -> sensorOf.put(c, sensor));
            }
        });
    }

    /** The fault verdicts a reading causes now. */
    List<Verdict> onReading(Reading r, Reading previous, Instant now) {
        String sensor = sensorOf.get(r.channel());
        if (sensor == null) {
            // A sensor with one channel: its channel's alarm is its own, at once.
            boolean changed = previous == null || previous.quality() != r.quality() || !r.good();
            return changed ? List.of(r.good() ? clear(r.channel(), r.channel() + " reads correctly again")
                    : raise(r.channel() + ".fault", r, List.of(r.channel()), describe(r))) : List.of();
        }
        if (r.good()) {
            bad.remove(r.channel());
            badSince.remove(r.channel());
        } else {
            bad.put(r.channel(), r);
            badSince.putIfAbsent(r.channel(), now);
        }
        return evaluate(sensor, now);
    }

    /** Raises the lone channel faults whose settle time is over. */
    List<Verdict> tick(Instant now) {
        List<Verdict> out = new ArrayList<>();
        for (String sensor : channelsOf.keySet()) {
            if (channelsOf.get(sensor).stream().anyMatch(bad::containsKey)) {
                out.addAll(evaluate(sensor, now));
            }
        }
        return out;
    }

    private List<Verdict> evaluate(String sensor, Instant now) {
        List<String> channels = channelsOf.get(sensor);
        List<Verdict> out = new ArrayList<>();
        String sensorAlarm = sensor + ".fault";
        if (channels.stream().allMatch(bad::containsKey)) {
            answeredAgain.remove(sensor);
            Reading first = bad.get(channels.get(0));
            if (raised.get(sensorAlarm) != Boolean.TRUE) {
                raised.put(sensorAlarm, true);
                out.add(raise(sensorAlarm, first, channels, sensor + ": all " + channels.size()
                        + " channels are " + quality(channels) + (first.problem() == null ? "" : ": " + first.problem())));
            }
            for (String c : channels) {
                if (raised.get(c + ".fault") != Boolean.FALSE) {
                    out.add(clear(c, c + ": folded into " + sensorAlarm));
                }
            }
            return out;
        }
        Boolean sensorState = raised.get(sensorAlarm);
        boolean anyBad = channels.stream().anyMatch(bad::containsKey);
        if (sensorState == Boolean.TRUE) {
            answeredAgain.putIfAbsent(sensor, now);
            if (anyBad && Duration.between(answeredAgain.get(sensor), now).compareTo(SETTLE) < 0) {
                return out; // the rest of this read first: the channels still bad take over without a gap
            }
        }
        for (String c : channels) {
            Reading r = bad.get(c);
            String alarm = c + ".fault";
            if (r == null && raised.get(alarm) != Boolean.FALSE) {
                out.add(clear(c, c + " reads correctly again"));
            } else if (r != null && raised.get(alarm) != Boolean.TRUE && settled(sensor, c, now)) {
                raised.put(alarm, true);
                out.add(raise(alarm, r, List.of(c), describe(r)));
            }
        }
        if (sensorState != Boolean.FALSE) {
            raised.put(sensorAlarm, false);
            out.add(new Verdict(sensorAlarm, null, false, channels, null, null, sensor + " answers again"));
        }
        return out;
    }

    private boolean settled(String sensor, String channel, Instant now) {
        Instant from = badSince.get(channel);
        Instant again = answeredAgain.get(sensor);
        if (again != null && again.isAfter(from)) {
            from = again;
        }
        return Duration.between(from, now).compareTo(SETTLE) >= 0;
    }

    private String quality(List<String> channels) {
        boolean stale = channels.stream().allMatch(c -> bad.get(c).quality() == Quality.STALE);
        boolean fault = channels.stream().allMatch(c -> bad.get(c).quality() == Quality.FAULT);
        return stale ? "stale" : fault ? "fault" : "not good";
    }

    private Verdict clear(String channel, String message) {
        raised.put(channel + ".fault", false);
        return new Verdict(channel + ".fault", null, false, List.of(channel), null, null, message);
    }

    private static Verdict raise(String alarm, Reading r, List<String> channels, String message) {
        return new Verdict(alarm, Severity.WARNING, false, channels, null, null, message);
    }

    private static String describe(Reading r) {
        return r.channel() + " is " + r.quality().wire() + (r.problem() == null ? "" : ": " + r.problem());
    }
}
