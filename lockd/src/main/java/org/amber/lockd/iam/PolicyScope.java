package org.amber.lockd.iam;

/** Where a policy document is attached. */
public enum PolicyScope {
    /** An inline policy of a user (owner = user name). */
    USER,
    /** An inline policy of a group (owner = group name). */
    GROUP,
    /** An inline policy of a role (owner = role name). */
    ROLE,
    /** A bucket policy (owner = bucket name; one per bucket, name unused). */
    BUCKET,
    /** The appliance-wide guardrail (one; owner and name unused). */
    GUARDRAIL
}
