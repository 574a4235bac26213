package org.vigie.agent.recovery;

import org.vigie.agent.run.OperatorRequest;

/** A person's confirmation from {@code cmd/recover}: {@code {"policy":"flood-rack-a-back","by":"alice"}}. */
record RecoverRequest(String policy, String by, String problem) {
    static RecoverRequest parse(String text) {
        OperatorRequest r = OperatorRequest.parse(text, "policy", "the recovery's id, a string", "who confirms, a string");
        return new RecoverRequest(r.subject(), r.by(), r.problem());
    }

    static String shorten(String s) {
        return OperatorRequest.shorten(s);
    }
}
