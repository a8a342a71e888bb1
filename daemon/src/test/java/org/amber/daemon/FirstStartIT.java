package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** bin/amberd on an empty data dir: root keys generated, printed once, usable, never stored in clear. */
class FirstStartIT {
    @TempDir
    Path tmp;

    @Test
    void rootKeysArePrintedOnceWorkAndAreSealedAtRest() throws Exception {
        Path data = tmp.resolve("data");
        Path first = tmp.resolve("first.log");
        String key;
        String secret;
        try (Amberd a = Amberd.start(data, first, false)) {
            String log = Files.readString(first);
            Matcher k = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)").matcher(log);
            Matcher s = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)").matcher(log);
            assertTrue(k.find() && s.find(), log);
            key = k.group(1);
            secret = s.group(1);
            try (S3Client s3 = TestDaemons.client(a.endpoint(), key, secret)) {
                s3.createBucket(b -> b.bucket("first"));
                assertEquals(1, s3.listBuckets().buckets().size());
            }
            assertTrue(a.terminate() == 143 || a.process.exitValue() == 0);
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertFalse(contains(Files.readAllBytes(f), needle), "root secret stored in clear in " + f);
            }
        }
        Path second = tmp.resolve("second.log");
        try (Amberd a = Amberd.start(data, second, false)) {
            String log = Files.readString(second);
            assertFalse(log.contains("AWS_SECRET_ACCESS_KEY"), "keys are shown only at first start:\n" + log);
            assertTrue(log.contains("clean shutdown"), "SIGTERM marked the journal clean, so nothing is re-verified:\n" + log);
            try (S3Client s3 = TestDaemons.client(a.endpoint(), key, secret)) {
                assertEquals("first", s3.listBuckets().buckets().get(0).name(), "the same keys work after restart");
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
