package org.amber.lockd.event;

import org.amber.lockd.iam.IamGroup;
import org.amber.lockd.iam.IamRole;
import org.amber.lockd.iam.IamUser;
import org.amber.lockd.iam.PolicyScope;

/**
 * What happened to identities and policies. Access keys are created by {@link AccountCreated}; every other
 * change is one of these. The record's context says who made the change, from where.
 */
public sealed interface IamEvent extends Event {
    record UserCreated(IamUser user) implements IamEvent {
    }

    record UserDeleted(String name) implements IamEvent {
    }

    record AccessKeyStatusSet(String accessKeyId, boolean active) implements IamEvent {
    }

    record AccessKeyDeleted(String accessKeyId) implements IamEvent {
    }

    record GroupCreated(IamGroup group) implements IamEvent {
    }

    record GroupDeleted(String name) implements IamEvent {
    }

    record GroupMembershipSet(String group, String user, boolean member) implements IamEvent {
    }

    record RoleCreated(IamRole role) implements IamEvent {
    }

    record RoleDeleted(String name) implements IamEvent {
    }

    /** A policy document attached ({@code document} non-null) or removed (null). */
    record PolicySet(PolicyScope scope, String owner, String name, String document) implements IamEvent {
    }
}
