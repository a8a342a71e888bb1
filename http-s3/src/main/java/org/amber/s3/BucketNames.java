package org.amber.s3;

import java.util.regex.Pattern;

/** S3's rules for bucket names (general purpose buckets). */
public final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    public static boolean isValid(String name) {
        return name != null && SHAPE.matcher(name).matches() && !IP.matcher(name).matches()
                && !name.contains("..") && !name.contains(".-") && !name.contains("-.")
                && !name.startsWith("xn--") && !name.startsWith("sthree-") && !name.endsWith("-s3alias")
                && !name.endsWith("--ol-s3");
    }

    /** Throws InvalidBucketName unless {@code name} is valid. */
    public static void check(String name) {
        if (!isValid(name)) {
            throw new S3Exception(S3Error.INVALID_BUCKET_NAME, S3Error.INVALID_BUCKET_NAME.message(),
                    java.util.Map.of("BucketName", name == null ? "" : name));
        }
    }
}
