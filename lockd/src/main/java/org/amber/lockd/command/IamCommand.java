package org.amber.lockd.command;

import org.amber.lockd.Account;
import org.amber.lockd.iam.IamRole;
import org.amber.lockd.iam.PolicyScope;

/**
 * Changes to identities and policies (users, keys, groups, roles, inline, bucket and guardrail policies),
 * decided by {@link org.amber.lockd.iam.IamDecisions}. Policy documents arrive already validated.
 */
public sealed interface IamCommand extends Command {
    record CreateUser(String name, String userId) implements IamCommand {
    }

    /** Refused while the user has access keys, inline policies or group memberships (DeleteConflict). */
    record DeleteUser(String name) implements IamCommand {
    }

    /** A new key for {@code account.name()}; at most two per user. */
    record CreateAccessKey(Account account) implements IamCommand {
    }

    record UpdateAccessKey(String user, String accessKeyId, boolean active) implements IamCommand {
    }

    record DeleteAccessKey(String user, String accessKeyId) implements IamCommand {
    }

    record CreateGroup(String name, String groupId) implements IamCommand {
    }

    /** Refused while the group has members or inline policies. */
    record DeleteGroup(String name) implements IamCommand {
    }

    record SetGroupMembership(String group, String user, boolean member) implements IamCommand {
    }

    record CreateRole(IamRole role) implements IamCommand {
    }

    /** Refused while the role has inline policies. */
    record DeleteRole(String name) implements IamCommand {
    }

    /** Attaches {@code document} (null removes it; removing one that is not there is NoSuchEntity, except for buckets). */
    record PutPolicy(PolicyScope scope, String owner, String name, String document) implements IamCommand {
    }
}
