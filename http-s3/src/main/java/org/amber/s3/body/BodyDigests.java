package org.amber.s3.body;

/**
 * The digests of a PUT's object bytes, computed while they stream: MD5 (the ETag), SHA-256 when the
 * payload hash was signed, and the checksum the client asked for. Not thread-safe: one per request.
 */
public final class BodyDigests {
    private final BodyHasher md5 = BodyHasher.jdk("MD5");
    private final BodyHasher sha256;
    private final BodyHasher checksum;
    private final ChecksumAlgorithm algorithm;
    private byte[] md5Sum;
    private byte[] sha256Sum;
    private byte[] checksumSum;

    BodyDigests(boolean withSha256, ChecksumAlgorithm checksum) {
        this.sha256 = withSha256 ? BodyHasher.jdk("SHA-256") : null;
        this.checksum = checksum == null ? null : checksum.newHasher();
        this.algorithm = checksum;
    }

    /** The algorithm of {@link #checksum()}, or null. */
    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** Adds object bytes to every digest. */
    public void update(byte[] b, int off, int len) {
        md5.update(b, off, len);
        if (sha256 != null) {
            sha256.update(b, off, len);
        }
        if (checksum != null) {
            checksum.update(b, off, len);
        }
    }

    /** The MD5 of all bytes added; no more may be added after the first call to a result. */
    public byte[] md5() {
        complete();
        return md5Sum;
    }

    /** The SHA-256, or null when the payload hash was not signed. */
    public byte[] sha256() {
        complete();
        return sha256Sum;
    }

    /** The requested checksum, or null when the client asked for none. */
    public byte[] checksum() {
        complete();
        return checksumSum;
    }

    private void complete() {
        if (md5Sum == null) {
            md5Sum = md5.digest();
            sha256Sum = sha256 == null ? null : sha256.digest();
            checksumSum = checksum == null ? null : checksum.digest();
        }
    }
}
