package org.vigie.agent.web;

import java.util.HashMap;
import java.util.Map;

/**
 * Slows down password guessing: after {@link #FREE} failed logins from one address, that address
 * waits 1 s, then 2 s, 4 s… up to {@link #MAX_WAIT_MS} before it may try again (answered 429
 * meanwhile, without spending a thread). A success forgets the address.
 */
final class Throttle {
    static final int FREE = 3;
    static final long MAX_WAIT_MS = 60_000;
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, long until) {
    }

    private final Map<String, Failures> byAddress = new HashMap<>();

    /** Milliseconds {@code address} must still wait, 0 when it may try. */
    synchronized long waitMs(String address, long nowMs) {
        Failures f = byAddress.get(address);
        return f == null ? 0 : Math.max(0, f.until() - nowMs);
    }

    synchronized void failed(String address, long nowMs) {
        if (byAddress.size() > MAX_ADDRESSES) {
            byAddress.clear();
        }
        Failures f = byAddress.get(address);
        int n = f == null ? 1 : f.count() + 1;
        long wait = n <= FREE ? 0 : Math.min(MAX_WAIT_MS, 1000L << Math.min(16, n - FREE - 1));
        byAddress.put(address, new Failures(n, nowMs + wait));
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
