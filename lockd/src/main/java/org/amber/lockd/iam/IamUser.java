package org.amber.lockd.iam;

import java.time.Instant;

/** An IAM user: signs with up to two access keys, governed by its own and its groups' inline policies. */
public record IamUser(String name, String userId, Instant created) {
}
