package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/** Object tagging: x-amz-tagging on PUT and copy, Put/Get/DeleteObjectTagging per version, durable across restart. */
class TaggingTest {
    @TempDir
    Path dir;

    static Map<String, String> tags(S3Client s3, String bucket, String key, String versionId) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a, TreeMap::new));
    }

    @Test
    void tagsPerVersionSurviveRestart() throws Exception {
        RootCredentials root;
        String v1;
        String v2;
        try (Daemon d = TestDaemons.start(dir); S3Client s3 = TestDaemons.client(d, root = d.newRootCredentials().orElseThrow())) {
            s3.createBucket(b -> b.bucket("tags"));
            s3.putBucketVersioning(b -> b.bucket("tags").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            v1 = s3.putObject(b -> b.bucket("tags").key("k").tagging("project=amber&retain=7%20years"),
                    RequestBody.fromString("one")).versionId();
            assertEquals(Map.of("project", "amber", "retain", "7 years"), tags(s3, "tags", "k", null));
            assertEquals(2, s3.headObject(b -> b.bucket("tags").key("k")).tagCount());
            var before = s3.headObject(b -> b.bucket("tags").key("k")).lastModified();

            s3.putObjectTagging(b -> b.bucket("tags").key("k").tagging(t -> t.tagSet(Tag.builder().key("only").value("me").build())));
            assertEquals(Map.of("only", "me"), tags(s3, "tags", "k", v1));
            assertEquals(before, s3.headObject(b -> b.bucket("tags").key("k")).lastModified(), "tagging changes no timestamps");
            assertEquals(1, s3.listObjectVersions(b -> b.bucket("tags")).versions().size(), "and creates no version");

            v2 = s3.putObject(b -> b.bucket("tags").key("k"), RequestBody.fromString("two")).versionId();
            assertEquals(Map.of(), tags(s3, "tags", "k", v2));
            assertNull(s3.headObject(b -> b.bucket("tags").key("k")).tagCount());
            s3.putObjectTagging(b -> b.bucket("tags").key("k").versionId(v2).tagging(t -> t.tagSet(Tag.builder().key("v").value("2").build())));
            s3.deleteObjectTagging(b -> b.bucket("tags").key("k").versionId(v1));
            assertEquals(Map.of(), tags(s3, "tags", "k", v1));

            s3.copyObject(b -> b.sourceBucket("tags").sourceKey("k").destinationBucket("tags").destinationKey("copied"));
            assertEquals(Map.of("v", "2"), tags(s3, "tags", "copied", null), "COPY keeps the source's tags");
            s3.copyObject(b -> b.sourceBucket("tags").sourceKey("k").destinationBucket("tags").destinationKey("replaced")
                    .taggingDirective(TaggingDirective.REPLACE).tagging("new=tag"));
            assertEquals(Map.of("new", "tag"), tags(s3, "tags", "replaced", null));
        }
        try (Daemon d = TestDaemons.start(dir); S3Client s3 = TestDaemons.client(d, root)) {
            assertEquals(Map.of(), tags(s3, "tags", "k", v1), "tags are journaled");
            assertEquals(Map.of("v", "2"), tags(s3, "tags", "k", v2));
        }
    }

    @Test
    void badTagsAndMissingTargets() throws Exception {
        try (Daemon d = TestDaemons.start(dir); S3Client s3 = TestDaemons.client(d, d.newRootCredentials().orElseThrow())) {
            s3.createBucket(b -> b.bucket("badtags"));
            s3.putBucketVersioning(b -> b.bucket("badtags").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            s3.putObject(b -> b.bucket("badtags").key("k"), RequestBody.fromString("x"));
            List<Tag> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                eleven.add(Tag.builder().key("k" + i).value("v").build());
            }
            S3Exception tooMany = assertThrows(S3Exception.class,
                    () -> s3.putObjectTagging(b -> b.bucket("badtags").key("k").tagging(t -> t.tagSet(eleven))));
            assertEquals("InvalidTag", tooMany.awsErrorDetails().errorCode());
            S3Exception longKey = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("badtags").key("k2")
                    .tagging("x".repeat(129) + "=v"), RequestBody.fromString("x")));
            assertEquals("InvalidTag", longKey.awsErrorDetails().errorCode());
            assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("badtags").key("k2")), "nothing stored");
            S3Exception dup = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("badtags").key("k3")
                    .tagging("a=1&a=2"), RequestBody.fromString("x")));
            assertEquals("InvalidTag", dup.awsErrorDetails().errorCode());

            assertEquals(404, assertThrows(S3Exception.class, () -> tags(s3, "badtags", "missing", null)).statusCode());
            String marker = s3.deleteObject(b -> b.bucket("badtags").key("k")).versionId();
            assertEquals(405, assertThrows(S3Exception.class, () -> s3.putObjectTagging(b -> b.bucket("badtags").key("k")
                    .versionId(marker).tagging(t -> t.tagSet(Tag.builder().key("a").value("b").build())))).statusCode());
        }
    }
}
