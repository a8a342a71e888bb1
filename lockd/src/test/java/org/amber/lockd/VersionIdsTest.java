package org.amber.lockd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionIdsTest {
    @Test
    void uniqueWellFormedAndNewestFirst() {
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (long seq = 1; seq < 200_000; seq += 7) {
            String id = VersionIds.of(seq);
            assertTrue(VersionIds.isWellFormed(id), id);
            assertTrue(seen.add(id), "duplicate " + id);
            if (previous != null) {
                assertTrue(id.compareTo(previous) < 0, "later sequences sort first");
            }
            previous = id;
        }
        assertEquals(26, VersionIds.of(Long.MAX_VALUE - 1).length());
    }

    @Test
    void malformedIds() {
        assertTrue(VersionIds.isWellFormed("null"));
        assertFalse(VersionIds.isWellFormed(""));
        assertFalse(VersionIds.isWellFormed("NULL"));
        assertFalse(VersionIds.isWellFormed(VersionIds.of(5).toUpperCase()));
        assertFalse(VersionIds.isWellFormed(VersionIds.of(5) + "0"));
    }

    @Test
    void keyOrderIsUtf8ByteOrder() {
        String bmpHigh = "\uE000";
        String supplementary = new String(Character.toChars(0x1F600));
        assertTrue(bmpHigh.compareTo(supplementary) > 0, "UTF-16 order puts the emoji first");
        assertTrue(KeyOrder.compare(bmpHigh, supplementary) < 0, "UTF-8 byte order puts it last, as S3 lists");
        assertTrue(KeyOrder.compare("a", "a/") < 0);
        assertEquals(0, KeyOrder.compare("same", "same"));
    }
}
