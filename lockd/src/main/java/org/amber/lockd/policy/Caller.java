package org.amber.lockd.policy;

/**
 * Who is asking, as policies see it.
 *
 * @param kind       root, an IAM user, a role session or nobody
 * @param arn        the ARN policies match ({@code aws:PrincipalArn}): the root, user or role ARN; null when anonymous
 * @param sessionArn a role session's own ARN ({@code arn:aws:sts::…:assumed-role/role/session}), else null
 * @param userName   {@code aws:username} (users only), else null
 * @param userId     {@code aws:userid}: the account id for root, the user id, or {@code roleId:session}
 */
public record Caller(Kind kind, String arn, String sessionArn, String userName, String userId) {
    public enum Kind { ROOT, USER, ROLE_SESSION, ANONYMOUS }

    public static Caller root() {
        return new Caller(Kind.ROOT, Arns.ROOT, null, null, Arns.ACCOUNT_ID);
    }

    public static Caller anonymous() {
        return new Caller(Kind.ANONYMOUS, null, null, null, "anonymous");
    }

    public static Caller user(String name, String userId) {
        return new Caller(Kind.USER, Arns.user(name), null, name, userId);
    }

    public static Caller roleSession(String role, String roleId, String session) {
        return new Caller(Kind.ROLE_SESSION, Arns.role(role), Arns.assumedRole(role, session), null, roleId + ":" + session);
    }

    /** The ARN that names this caller in the journal and the audit trail. */
    public String auditName() {
        return kind == Kind.ANONYMOUS ? "anonymous" : sessionArn != null ? sessionArn : arn;
    }
}
