package org.vigie.agent.run;

/** An operator's acknowledgement from {@code cmd/ack}: {@code {"alarm":"basement-leak","by":"alice"}}. */
record AckRequest(String alarm, String by, String problem) {
    static AckRequest parse(String text) {
        OperatorRequest r = OperatorRequest.parse(text, "alarm", "a string", "who acknowledges, a string");
        return new AckRequest(r.subject(), r.by(), r.problem());
    }
}
