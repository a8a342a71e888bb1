"""Issue 2's walk-through with boto3 (default settings) against a running amberd.

Usage: python3 boto3_core.py ENDPOINT   (credentials from the AWS_* environment)
Exits non-zero on the first failed check.
"""
import hashlib
import os
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
bucket = "boto-bucket"

s3.create_bucket(Bucket=bucket)
assert bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]

data = os.urandom(3 * 1024 * 1024 + 5)
put = s3.put_object(Bucket=bucket, Key="dir/ünïcode key.bin", Body=data)
assert put["ETag"] == '"%s"' % hashlib.md5(data).hexdigest(), put["ETag"]
got = s3.get_object(Bucket=bucket, Key="dir/ünïcode key.bin")["Body"].read()
assert got == data, "GET is byte-identical"
part = s3.get_object(Bucket=bucket, Key="dir/ünïcode key.bin", Range="bytes=100-199")
assert part["Body"].read() == data[100:200]
assert part["ContentRange"] == "bytes 100-199/%d" % len(data)

s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
v1 = s3.put_object(Bucket=bucket, Key="doc", Body=b"one")["VersionId"]
v2 = s3.put_object(Bucket=bucket, Key="doc", Body=b"two")["VersionId"]
assert v1 != v2
versions = s3.list_object_versions(Bucket=bucket, Prefix="doc")["Versions"]
assert [v["VersionId"] for v in versions] == [v2, v1], versions

marker = s3.delete_object(Bucket=bucket, Key="doc")
assert marker["DeleteMarker"] is True
listing = s3.list_object_versions(Bucket=bucket, Prefix="doc")
assert [m["VersionId"] for m in listing["DeleteMarkers"]] == [marker["VersionId"]]
try:
    s3.get_object(Bucket=bucket, Key="doc")
    raise AssertionError("GET of a deleted key must fail")
except ClientError as e:
    assert e.response["Error"]["Code"] == "NoSuchKey", e.response

removed = s3.delete_object(Bucket=bucket, Key="doc", VersionId=v1)
assert removed["VersionId"] == v1
listing = s3.list_object_versions(Bucket=bucket, Prefix="doc")
assert [v["VersionId"] for v in listing["Versions"]] == [v2]
assert len(listing["DeleteMarkers"]) == 1
assert s3.get_object(Bucket=bucket, Key="doc", VersionId=v2)["Body"].read() == b"two"

keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
assert keys == ["dir/ünïcode key.bin"], keys

try:
    s3.head_bucket(Bucket="missing-bucket")
    raise AssertionError("HEAD of a missing bucket must fail")
except ClientError as e:
    assert e.response["Error"]["Code"] == "404", e.response

print("boto3: all checks passed")
