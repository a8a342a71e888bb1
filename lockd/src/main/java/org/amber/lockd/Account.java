package org.amber.lockd;

/**
 * A principal that can sign requests. The secret is stored sealed (encrypted with a key kept
 * outside the journal); only the daemon can unseal it.
 */
public record Account(String name, String accessKeyId, byte[] sealedSecret, boolean root) {
    public Account {
        sealedSecret = sealedSecret.clone();
    }

    @Override
    public byte[] sealedSecret() {
        return sealedSecret.clone();
    }

    /** The ARN that names this principal in policies and the audit trail. */
    public String arn() {
        return root ? "arn:aws:iam::000000000000:root" : "arn:aws:iam::000000000000:user/" + name;
    }
}
