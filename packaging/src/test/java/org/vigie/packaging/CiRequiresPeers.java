package org.vigie.packaging;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Under CI ({@code CI=true}) a test skipped because a peer is missing (a JUnit assumption) fails
 * instead: CI installs every peer, so a skip there hides a broken install. A skip whose message
 * starts with {@code optional:} (an opt-in probe, a machine with real GPIO) stays a skip.
 * Registered for every test through {@code META-INF/services} (JUnit's extension autodetection).
 */
public final class CiRequiresPeers implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw strict(t);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw strict(t);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw strict(t);
    }

    private static Throwable strict(Throwable t) {
        if (CI && t instanceof TestAbortedException && !String.valueOf(t.getMessage()).startsWith("Assumption failed: optional:")) {
            return new AssertionError("CI=true and a peer is missing: " + t.getMessage(), t);
        }
        return t;
    }

}
