package org.amber.lockd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    /** Characters from each range where UTF-16 order and UTF-8 order could part. */
    private static final String[] PIECES = {"a", "z", "/", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffee", "\uffff",
        new String(Character.toChars(0x10000)), new String(Character.toChars(0x1f600)), new String(Character.toChars(0x10ffff))};

    @Test
    void ordersKeysByTheirUtf8Bytes() {
        Random r = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            String a = key(r);
            String b = r.nextInt(4) == 0 ? a + key(r) : key(r);
            int want = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertEquals(want, Integer.signum(KeyOrder.compare(a, b)), () -> a + " vs " + b);
            assertEquals(-want, Integer.signum(KeyOrder.compare(b, a)), () -> b + " vs " + a);
        }
    }

    private static String key(Random r) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(5); n > 0; n--) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
