package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the guard starts and stops refusing new objects, collection by collection. */
class MemoryGuardTest {
    private static final long MAX = 1000;
    private final MemoryGuard guard = new MemoryGuard();

    private void young(long used) {
        guard.afterCollection(used, MAX, false);
    }

    @Test
    void aHeapThatStaysNearlyFullOverThreeYoungCollectionsIsFull() {
        young(930);
        young(950);
        assertFalse(guard.full(), "two collections could be garbage a mixed collection is about to reclaim");
        young(925);
        assertTrue(guard.full());
    }

    @Test
    void aCollectionBelowTheMarkStartsTheCountAgain() {
        young(930);
        young(950);
        young(900);
        young(930);
        young(940);
        assertFalse(guard.full());
    }

    @Test
    void oneFullCollectionThatLeavesNinetyPercentIsEnough() {
        guard.afterCollection(905, MAX, true);
        assertTrue(guard.full());
        MemoryGuard other = new MemoryGuard();
        other.afterCollection(895, MAX, true);
        assertFalse(other.full());
    }

    @Test
    void itStaysFullUntilACollectionLeavesLessThanEightyFivePercent() {
        guard.afterCollection(950, MAX, true);
        young(880);
        young(860);
        guard.afterCollection(870, MAX, true);
        assertTrue(guard.full(), "between the marks, the state holds");
        young(849);
        assertFalse(guard.full());
    }
}
