package org.amber.lockd.policy;

/** The names Amber's single account gives its principals and resources. */
public final class Arns {
    /** The appliance is one account; policies name it by this id. */
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ROOT = "arn:aws:iam::" + ACCOUNT_ID + ":root";

    private Arns() {
    }

    public static String user(String name) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":user/" + name;
    }

    public static String group(String name) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":group/" + name;
    }

    public static String role(String name) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":role/" + name;
    }

    public static String assumedRole(String role, String session) {
        return "arn:aws:sts::" + ACCOUNT_ID + ":assumed-role/" + role + "/" + session;
    }

    public static String bucket(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String object(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }
}
