package org.amber.s3.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Combining the CRCs of two byte strings gives the CRC of their concatenation, for every CRC S3 uses. */
class CrcCombineTest {
    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combinedEqualsTheChecksumOfTheConcatenation(ChecksumAlgorithm a) {
        Random rnd = new Random(a.ordinal());
        for (int round = 0; round < 200; round++) {
            byte[] all = new byte[rnd.nextInt(round < 100 ? 64 : 200_000)];
            rnd.nextBytes(all);
            int cut = all.length == 0 ? 0 : rnd.nextInt(all.length + 1);
            byte[] first = Arrays.copyOf(all, cut);
            byte[] second = Arrays.copyOfRange(all, cut, all.length);
            assertArrayEquals(a.of(all), a.combine(a.of(first), a.of(second), second.length),
                    a + ": " + first.length + " + " + second.length + " bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void manyPartsFoldLeft(ChecksumAlgorithm a) {
        Random rnd = new Random(7);
        byte[] all = new byte[3 * 1024 * 1024 + 17];
        rnd.nextBytes(all);
        int[] cuts = {0, 1024 * 1024, 2 * 1024 * 1024 + 5, all.length};
        byte[] folded = a.of(Arrays.copyOfRange(all, cuts[0], cuts[1]));
        for (int i = 1; i + 1 < cuts.length; i++) {
            byte[] part = Arrays.copyOfRange(all, cuts[i], cuts[i + 1]);
            folded = a.combine(folded, a.of(part), part.length);
        }
        assertArrayEquals(a.of(all), folded);
        assertEquals(a.size(), folded.length);
    }
}
