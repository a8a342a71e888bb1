package org.amber.s3;

/**
 * A satisfiable byte range of an object, from an HTTP {@code Range} header. S3 serves a single
 * range; a header it cannot use (another unit, several ranges, bad syntax) means the whole object.
 */
public record ByteRange(long first, long length) {

    /**
     * The range asked for, or null for the whole object; InvalidRange (416) when the range starts
     * at or beyond the end.
     */
    public static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                long n = Math.min(suffix, size);
                return new ByteRange(size - n, n);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < first) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(first, Math.min(last, size - 1) - first + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3Exception unsatisfiable(String header, long size) {
        return new S3Exception(S3Error.INVALID_RANGE, S3Error.INVALID_RANGE.message(),
                java.util.Map.of("RangeRequested", header, "ActualObjectSize", Long.toString(size)));
    }

    /** The Content-Range header value for a 206. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + (first + length - 1) + "/" + size;
    }
}
