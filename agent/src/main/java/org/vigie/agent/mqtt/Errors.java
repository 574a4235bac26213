package org.vigie.agent.mqtt;

/** One-line descriptions of exceptions, outermost context first, for logs without stack traces. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 5) {
            String m = t.getMessage();
            String part = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
            if (sb.indexOf(part) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(part);
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.toString();
    }
}
