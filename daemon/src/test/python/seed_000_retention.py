"""Seed 000's Python, as the seed shows it, pointed at Amber: upload a file, then put a GOVERNANCE retention
of one day on it. Usage: python3 seed_000_retention.py ENDPOINT BUCKET FILE KEY
"""
import logging
import sys
from datetime import datetime
from datetime import timedelta

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]


def upload_file(file_name, bucket, object_name=None):
    s3_client = boto3.client('s3', endpoint_url=endpoint)
    try:
        s3_client.upload_file(
                Filename=file_name,
                Bucket=bucket,
                Key=object_name,
        )

        s3_client.put_object_retention(
                Bucket=bucket,
                Key=object_name,
                Retention={
                    'Mode':'GOVERNANCE',
                    'RetainUntilDate':datetime.now() + timedelta(days=1)
                },
        )
    except ClientError as e:
        logging.error(e)
        return False
    return True

if not upload_file(sys.argv[3], sys.argv[2], sys.argv[4]):
    sys.exit(1)
print("seed 000: uploaded with retention")
