package org.amber.lockd.iam;

import java.time.Instant;

/**
 * An IAM role, assumed through STS AssumeRole by the principals its trust policy names.
 *
 * @param trustPolicy       the AssumeRolePolicyDocument, as given
 * @param maxSessionSeconds the longest session AssumeRole may grant (3,600–43,200)
 */
public record IamRole(String name, String roleId, String trustPolicy, int maxSessionSeconds, Instant created) {
}
