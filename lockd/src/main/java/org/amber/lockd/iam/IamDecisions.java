package org.amber.lockd.iam;

import java.time.Instant;
import java.util.List;
import org.amber.lockd.Account;
import org.amber.lockd.Decision;
import org.amber.lockd.Refusal;
import org.amber.lockd.Store;
import org.amber.lockd.command.IamCommand;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.IamEvent;

/** Decides identity and policy commands against the store (the IAM half of the state machine). Pure. */
public final class IamDecisions {
    /** IAM's limit of access keys per user. */
    public static final int MAX_KEYS_PER_USER = 2;

    private IamDecisions() {
    }

    public static Decision decide(Store s, IamCommand c, Instant time) {
        Directory d = s.directory();
        if (c instanceof IamCommand.CreateUser u) {
            return taken(d.users().keySet(), u.name()) ? refuse(Refusal.ENTITY_EXISTS)
                    : accept(new IamEvent.UserCreated(new IamUser(u.name(), u.userId(), time)));
        } else if (c instanceof IamCommand.DeleteUser u) {
            if (d.user(u.name()).isEmpty()) {
                return refuse(Refusal.NO_SUCH_ENTITY);
            }
            boolean attached = !keysOf(s, u.name()).isEmpty() || !d.policies(PolicyScope.USER, u.name()).isEmpty()
                    || !d.groupsOf(u.name()).isEmpty();
            return attached ? refuse(Refusal.DELETE_CONFLICT) : accept(new IamEvent.UserDeleted(u.name()));
        } else if (c instanceof IamCommand.CreateAccessKey k) {
            if (d.user(k.account().name()).isEmpty()) {
                return refuse(Refusal.NO_SUCH_ENTITY);
            }
            if (s.accountByAccessKey(k.account().accessKeyId()).isPresent()) {
                return refuse(Refusal.ENTITY_EXISTS);
            }
            return keysOf(s, k.account().name()).size() >= MAX_KEYS_PER_USER ? refuse(Refusal.LIMIT_EXCEEDED)
                    : accept(new AccountCreated(k.account()));
        } else if (c instanceof IamCommand.UpdateAccessKey k) {
            return ownsKey(s, k.user(), k.accessKeyId()) ? accept(new IamEvent.AccessKeyStatusSet(k.accessKeyId(), k.active()))
                    : refuse(Refusal.NO_SUCH_ENTITY);
        } else if (c instanceof IamCommand.DeleteAccessKey k) {
            return ownsKey(s, k.user(), k.accessKeyId()) ? accept(new IamEvent.AccessKeyDeleted(k.accessKeyId()))
                    : refuse(Refusal.NO_SUCH_ENTITY);
        } else if (c instanceof IamCommand.CreateGroup g) {
            return taken(d.groups().keySet(), g.name()) ? refuse(Refusal.ENTITY_EXISTS)
                    : accept(new IamEvent.GroupCreated(new IamGroup(g.name(), g.groupId(), time)));
        } else if (c instanceof IamCommand.DeleteGroup g) {
            if (d.group(g.name()).isEmpty()) {
                return refuse(Refusal.NO_SUCH_ENTITY);
            }
            return !d.members(g.name()).isEmpty() || !d.policies(PolicyScope.GROUP, g.name()).isEmpty()
                    ? refuse(Refusal.DELETE_CONFLICT) : accept(new IamEvent.GroupDeleted(g.name()));
        } else if (c instanceof IamCommand.SetGroupMembership m) {
            if (d.group(m.group()).isEmpty() || d.user(m.user()).isEmpty()) {
                return refuse(Refusal.NO_SUCH_ENTITY);
            }
            boolean already = d.members(m.group()).contains(m.user());
            return already == m.member() ? Decision.accept(List.of())
                    : accept(new IamEvent.GroupMembershipSet(m.group(), m.user(), m.member()));
        } else if (c instanceof IamCommand.CreateRole r) {
            return taken(d.roles().keySet(), r.role().name()) ? refuse(Refusal.ENTITY_EXISTS)
                    : accept(new IamEvent.RoleCreated(new IamRole(r.role().name(), r.role().roleId(), r.role().trustPolicy(),
                    r.role().maxSessionSeconds(), time)));
        } else if (c instanceof IamCommand.DeleteRole r) {
            if (d.role(r.name()).isEmpty()) {
                return refuse(Refusal.NO_SUCH_ENTITY);
            }
            return d.policies(PolicyScope.ROLE, r.name()).isEmpty() ? accept(new IamEvent.RoleDeleted(r.name()))
                    : refuse(Refusal.DELETE_CONFLICT);
        } else if (c instanceof IamCommand.PutPolicy p) {
            return putPolicy(s, p);
        }
        throw new IllegalArgumentException("unknown IAM command " + c);
    }

    private static Decision putPolicy(Store s, IamCommand.PutPolicy p) {
        Directory d = s.directory();
        IamEvent.PolicySet event = new IamEvent.PolicySet(p.scope(), p.owner(), p.name(), p.document());
        switch (p.scope()) {
            case GUARDRAIL:
                return accept(event);
            case BUCKET:
                if (s.bucket(p.owner()).isEmpty()) {
                    return refuse(Refusal.NO_SUCH_BUCKET);
                }
                // Deleting a bucket policy that is not there succeeds and records nothing.
                return p.document() == null && s.bucket(p.owner()).get().policy() == null ? Decision.accept(List.of()) : accept(event);
            default:
                boolean ownerExists = switch (p.scope()) {
                    case USER -> d.user(p.owner()).isPresent();
                    case GROUP -> d.group(p.owner()).isPresent();
                    default -> d.role(p.owner()).isPresent();
                };
                if (!ownerExists || (p.document() == null && !d.policies(p.scope(), p.owner()).containsKey(p.name()))) {
                    return refuse(Refusal.NO_SUCH_ENTITY);
                }
                return accept(event);
        }
    }

    /** IAM names are unique without regard to case: "Alice" and "alice" cannot both exist. */
    private static boolean taken(java.util.Set<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    /** The access keys of IAM user {@code user}. */
    public static List<Account> keysOf(Store s, String user) {
        return s.accounts().stream().filter(a -> !a.root() && a.name().equals(user))
                .sorted(java.util.Comparator.comparing(Account::accessKeyId)).toList();
    }

    private static boolean ownsKey(Store s, String user, String accessKeyId) {
        return s.accountByAccessKey(accessKeyId).filter(a -> !a.root() && a.name().equals(user)).isPresent();
    }

    private static Decision accept(org.amber.lockd.event.Event e) {
        return Decision.accept(List.of(e));
    }

    private static Decision refuse(Refusal r) {
        return Decision.refuse(r);
    }
}
