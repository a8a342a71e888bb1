"""Seed 001's Python, as the seed shows it, pointed at Amber: upload a file, then put a legal hold ON it.
Usage: python3 seed_001_legal_hold.py ENDPOINT BUCKET FILE KEY
"""
import logging
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]


def upload_file(file_name, bucket, object_name):
    s3_client = boto3.client('s3', endpoint_url=endpoint)
    try:
        s3_client.upload_file(
                Filename=file_name,
                Bucket=bucket,
                Key=object_name,
        )

        s3_client.put_object_legal_hold(
                Bucket=bucket,
                Key=object_name,
                LegalHold={
                    'Status':'ON',
                },
        )
    except ClientError as e:
        logging.error(e)
        return False
    return True

if not upload_file(sys.argv[3], sys.argv[2], sys.argv[4]):
    sys.exit(1)
print("seed 001: uploaded with a legal hold")
