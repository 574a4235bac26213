package org.vigie.sensors.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The debounce rule alone, on a fake clock (nanoseconds). */
class DebouncerTest {

    private static final long MS = 1_000_000;

    @Test
    void aLevelCountsOnlyAfterAQuietWindow() {
        Debouncer d = new Debouncer(100 * MS, false);
        d.edge(0);
        assertEquals(100 * MS, d.quietIn(0));
        assertFalse(d.settle(50 * MS, true), "window not over");
        assertTrue(d.pending());
        assertTrue(d.settle(100 * MS, true));
        assertTrue(d.stable());
        assertFalse(d.pending());
    }

    @Test
    void everyEdgeRestartsTheWindow() {
        Debouncer d = new Debouncer(100 * MS, false);
        for (int i = 0; i < 50; i++) {
            d.edge(i * MS);
        }
        assertEquals(49 * MS + 100 * MS - 120 * MS, d.quietIn(120 * MS));
        assertFalse(d.settle(120 * MS, true));
        assertTrue(d.settle(149 * MS, true));
    }

    @Test
    void bouncesEndingWhereTheyStartedChangeNothing() {
        Debouncer d = new Debouncer(100 * MS, true);
        for (int i = 0; i < 50; i++) {
            d.edge(i * MS);
        }
        assertFalse(d.settle(200 * MS, true));
        assertTrue(d.stable());
        assertFalse(d.pending());
    }

    @Test
    void withoutAnEdgeNothingIsTaken() {
        Debouncer d = new Debouncer(100 * MS, false);
        assertEquals(0, d.quietIn(5 * MS));
        assertFalse(d.settle(500 * MS, true));
        assertFalse(d.stable());
    }

    @Test
    void anAbandonedEdgeLeavesTheStableLevel() {
        Debouncer d = new Debouncer(100 * MS, false);
        d.edge(0);
        d.abandon();
        assertFalse(d.pending());
        assertFalse(d.settle(200 * MS, true));
        assertFalse(d.stable());
    }
}
