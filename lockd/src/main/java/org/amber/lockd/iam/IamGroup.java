package org.amber.lockd.iam;

import java.time.Instant;

/** An IAM group: its inline policies apply to every member. */
public record IamGroup(String name, String groupId, Instant created) {
}
