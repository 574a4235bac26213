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

    /**
     * Where an unexpected exception was thrown, for a one-line report without a stack trace: the
     * first frame in vigie's own code, else the first frame ({@code Journal.commit(Journal.java:88)}).
     */
    public static String where(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("org.vigie.")) {
                return frame(f);
            }
        }
        return frames.length == 0 ? "an unknown place" : frame(frames[0]);
    }

    private static String frame(StackTraceElement f) {
        String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
        return cls + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }
}
