"""boto3 with default settings uploading with checksums against a running Amber.

Usage: python3 boto3_checksums.py ENDPOINT   (credentials from the AWS_* environment)
Exits non-zero on the first failed check.
"""
import base64
import hashlib
import io
import os
import sys
import tempfile
import zlib

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
bucket = "boto-sums"
s3.create_bucket(Bucket=bucket)


def crc32(b):
    return base64.b64encode(zlib.crc32(b).to_bytes(4, "big")).decode()


def md5_etag(b):
    return '"%s"' % hashlib.md5(b).hexdigest()


def body_of(key):
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def absent(key):
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as e:
        return e.response["Error"]["Code"] == "404"
    return False


# put_object with a file-like body: botocore adds a CRC32 by default (when_supported).
data = os.urandom(300 * 1024 + 7)
put = s3.put_object(Bucket=bucket, Key="file-like", Body=io.BytesIO(data))
assert put["ETag"] == md5_etag(data), put["ETag"]
assert put.get("ChecksumCRC32") == crc32(data), put
assert body_of("file-like") == data, "GET is byte-identical"

# upload_fileobj of a small file (s3transfer's path).
small = os.urandom(4321)
with tempfile.TemporaryFile() as f:
    f.write(small)
    f.seek(0)
    s3.upload_fileobj(f, bucket, "small-file")
assert body_of("small-file") == small
assert s3.head_object(Bucket=bucket, Key="small-file")["ETag"] == md5_etag(small)

# An empty object.
s3.put_object(Bucket=bucket, Key="empty", Body=io.BytesIO(b""))
assert body_of("empty") == b""

# Another algorithm, chosen by the caller.
put = s3.put_object(Bucket=bucket, Key="sha256", Body=io.BytesIO(data), ChecksumAlgorithm="SHA256")
assert put.get("ChecksumSHA256") == base64.b64encode(hashlib.sha256(data).digest()).decode(), put
assert body_of("sha256") == data

# A checksum that does not match the body is refused and nothing is stored.
try:
    s3.put_object(Bucket=bucket, Key="wrong", Body=io.BytesIO(data), ChecksumCRC32=crc32(b"not the body"))
    raise AssertionError("a wrong checksum must be refused")
except ClientError as e:
    assert e.response["Error"]["Code"] == "BadDigest", e.response
    assert e.response["Error"]["Message"] == "The CRC32 you specified did not match the calculated checksum.", e.response
assert absent("wrong"), "a refused upload stores nothing"

# upload_fileobj of 20 MiB: s3transfer goes multipart with CRC32 (COMPOSITE) and downloads in ranges.
big = os.urandom(20 * 1024 * 1024 + 11)
with tempfile.TemporaryFile() as f:
    f.write(big)
    f.seek(0)
    s3.upload_fileobj(f, bucket, "multipart")
head = s3.head_object(Bucket=bucket, Key="multipart", ChecksumMode="ENABLED")
part = 8 * 1024 * 1024
chunks = [big[i:i + part] for i in range(0, len(big), part)]
expected_etag = '"%s-%d"' % (hashlib.md5(b"".join(hashlib.md5(c).digest() for c in chunks)).hexdigest(), len(chunks))
assert head["ETag"] == expected_etag, (head["ETag"], expected_etag)
composite = crc32(b"".join(zlib.crc32(c).to_bytes(4, "big") for c in chunks)) + "-%d" % len(chunks)
assert head.get("ChecksumCRC32") == composite, (head, composite)
assert head.get("ChecksumType") == "COMPOSITE", head
out = io.BytesIO()
s3.download_fileobj(bucket, "multipart", out)
assert out.getvalue() == big, "the multipart object downloads byte-identical"

print("boto3 checksums: all checks passed")
