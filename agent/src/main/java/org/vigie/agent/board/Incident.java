package org.vigie.agent.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A public incident of one component: opened by an alarm at {@code incident_severity} (or by the
 * component's monitoring going silent), updated as other kinds of problem join it and by staff
 * notes, resolved when everything that opened it is clear. Only public words are kept here.
 */
final class Incident {
    /** One public update. {@code by}: {@code automatic} or {@code staff}. */
    record Update(Instant ts, String text, String by) {
    }

    final int id;
    final String component;
    final boolean monitoring;
    final Instant opened;
    Instant resolved;
    final List<PublicKind> kinds = new ArrayList<>();
    final List<Update> updates = new ArrayList<>();

    Incident(int id, String component, boolean monitoring, Instant opened) {
        this.id = id;
        this.component = component;
        this.monitoring = monitoring;
        this.opened = opened;
    }

    boolean open() {
        return resolved == null;
    }

    Instant updated() {
        return updates.isEmpty() ? opened : updates.get(updates.size() - 1).ts();
    }

    String title() {
        String what = switch (kinds.isEmpty() ? PublicKind.OTHER : kinds.get(0)) {
            case WATER -> "water detected";
            case HEAT -> "temperature out of range";
            case POWER -> "power problem";
            case UNREACHABLE -> "monitoring unreachable";
            case OTHER -> "environmental problem";
        };
        return component + ": " + what + (open() ? "" : " (resolved)");
    }
}
