package org.amber.s3.iam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.amber.lockd.Account;
import org.amber.lockd.Decision;
import org.amber.lockd.Refusal;
import org.amber.lockd.RequestContext;
import org.amber.lockd.command.Command;
import org.amber.lockd.command.IamCommand;
import org.amber.lockd.iam.Directory;
import org.amber.lockd.iam.IamDecisions;
import org.amber.lockd.iam.IamGroup;
import org.amber.lockd.iam.IamRole;
import org.amber.lockd.iam.IamUser;
import org.amber.lockd.iam.PolicyScope;
import org.amber.lockd.policy.Arns;
import org.amber.lockd.policy.Authorizer;
import org.amber.lockd.policy.Caller;
import org.amber.lockd.policy.RequestFacts;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IAM and STS Query APIs ({@code Action=CreateUser&...}), served on the S3 port for {@code aws iam} and
 * {@code aws sts}, and on the admin port for {@code amberctl}. One method per action, in the order of the
 * IAM documentation; each checks the caller's permission (iam:* / sts:* through the same evaluator as S3),
 * then submits a command and answers once it is durable. Amber's own actions (Put/Get/DeleteGuardrailPolicy)
 * are root's alone.
 */
public final class QueryApi {
    private static final Logger AUDIT = LoggerFactory.getLogger("amber.audit");
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    /** Amber's roles have no paths: a role ARN is exactly {@code arn:aws:iam::<account>:role/<name>}. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::" + Arns.ACCOUNT_ID + ":role/([\\w+=,.@-]+)");
    static final int DEFAULT_SESSION_SECONDS = 3600;

    private final S3Services s;

    public QueryApi(S3Services s) {
        this.s = s;
    }

    /** Receives the answer: an HTTP status and an XML body. Called exactly once, perhaps on the reply thread. */
    @FunctionalInterface
    public interface Reply {
        void send(int status, byte[] body);
    }

    /**
     * One call.
     *
     * @param service {@code iam} or {@code sts}
     * @param facts   builds the authorization question for (action, resource) with the request's own keys
     */
    public record Call(String service, Map<String, String> form, Caller caller, RequestContext context,
                       BiFunction<String, String, RequestFacts> facts) {
        String param(String name) {
            return form.get(name);
        }

        String requestId() {
            return context.requestId();
        }
    }

    public void handle(Call c, Reply reply) {
        String action = c.param("Action");
        try {
            if (action == null) {
                throw new IamException("MissingAction", 400, "Missing Action");
            }
            if (c.caller().kind() == Caller.Kind.ANONYMOUS) {
                throw new IamException("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
            }
            dispatch(action, c, reply);
        } catch (IamException e) {
            reply.send(e.status(), QueryReply.error(c.service(), c.requestId(), e.code(), e.getMessage(), e.status()));
        }
    }

    private void dispatch(String action, Call c, Reply reply) {
        if ("sts".equals(c.service())) {
            switch (action) {
                case "AssumeRole" -> assumeRole(c, reply);
                case "GetCallerIdentity" -> getCallerIdentity(c, reply);
                default -> throw invalidAction(action);
            }
            return;
        }
        switch (action) {
            case "CreateUser" -> createUser(c, reply);
            case "GetUser" -> getUser(c, reply);
            case "ListUsers" -> listUsers(c, reply);
            case "DeleteUser" -> deleteUser(c, reply);
            case "CreateAccessKey" -> createAccessKey(c, reply);
            case "ListAccessKeys" -> listAccessKeys(c, reply);
            case "UpdateAccessKey" -> updateAccessKey(c, reply);
            case "DeleteAccessKey" -> deleteAccessKey(c, reply);
            case "PutUserPolicy" -> putPolicy(c, reply, PolicyScope.USER, "UserName", "PutUserPolicy");
            case "GetUserPolicy" -> getPolicy(c, reply, PolicyScope.USER, "UserName", "GetUserPolicy");
            case "ListUserPolicies" -> listPolicies(c, reply, PolicyScope.USER, "UserName", "ListUserPolicies");
            case "DeleteUserPolicy" -> deletePolicy(c, reply, PolicyScope.USER, "UserName", "DeleteUserPolicy");
            case "CreateGroup" -> createGroup(c, reply);
            case "GetGroup" -> getGroup(c, reply);
            case "DeleteGroup" -> simple(c, reply, "DeleteGroup", "iam:DeleteGroup", Arns.group(name(c, "GroupName", 128)),
                    new IamCommand.DeleteGroup(c.param("GroupName")), "group " + c.param("GroupName"));
            case "AddUserToGroup" -> membership(c, reply, true);
            case "RemoveUserFromGroup" -> membership(c, reply, false);
            case "PutGroupPolicy" -> putPolicy(c, reply, PolicyScope.GROUP, "GroupName", "PutGroupPolicy");
            case "GetGroupPolicy" -> getPolicy(c, reply, PolicyScope.GROUP, "GroupName", "GetGroupPolicy");
            case "ListGroupPolicies" -> listPolicies(c, reply, PolicyScope.GROUP, "GroupName", "ListGroupPolicies");
            case "DeleteGroupPolicy" -> deletePolicy(c, reply, PolicyScope.GROUP, "GroupName", "DeleteGroupPolicy");
            case "CreateRole" -> createRole(c, reply);
            case "GetRole" -> getRole(c, reply);
            case "ListRoles" -> listRoles(c, reply);
            case "DeleteRole" -> simple(c, reply, "DeleteRole", "iam:DeleteRole", Arns.role(name(c, "RoleName", 64)),
                    new IamCommand.DeleteRole(c.param("RoleName")), "role " + c.param("RoleName"));
            case "PutRolePolicy" -> putPolicy(c, reply, PolicyScope.ROLE, "RoleName", "PutRolePolicy");
            case "GetRolePolicy" -> getPolicy(c, reply, PolicyScope.ROLE, "RoleName", "GetRolePolicy");
            case "ListRolePolicies" -> listPolicies(c, reply, PolicyScope.ROLE, "RoleName", "ListRolePolicies");
            case "DeleteRolePolicy" -> deletePolicy(c, reply, PolicyScope.ROLE, "RoleName", "DeleteRolePolicy");
            case "PutGuardrailPolicy" -> putGuardrail(c, reply);
            case "GetGuardrailPolicy" -> getGuardrail(c, reply);
            case "DeleteGuardrailPolicy" -> deleteGuardrail(c, reply);
            default -> throw invalidAction(action);
        }
    }

    private static IamException invalidAction(String action) {
        return new IamException("InvalidAction", 400, "The action " + action + " is not valid for this web service.");
    }

    // ---- users and access keys

    private void createUser(Call c, Reply reply) {
        String name = name(c, "UserName", 64);
        authorize(c, "iam:CreateUser", Arns.user(name));
        String id = Keys.id("AIDA", 17);
        submit(c, new IamCommand.CreateUser(name, id), "user " + name, reply,
                () -> QueryReply.finish(user(QueryReply.start(c.service(), "CreateUser"), s.published().directory().user(name).orElseThrow()),
                        c.requestId()));
    }

    private void getUser(Call c, Reply reply) {
        String name = c.param("UserName");
        if (name == null) {
            if (c.caller().kind() == Caller.Kind.ROOT) {
                XmlOut x = QueryReply.start(c.service(), "GetUser").start("User").el("UserId", Arns.ACCOUNT_ID).el("Arn", Arns.ROOT)
                        .end();
                reply.send(200, QueryReply.finish(x, c.requestId()));
                return;
            }
            name = c.caller().userName();
            if (name == null) {
                throw IamException.validation("Must specify userName when calling with non-User credentials");
            }
        }
        authorize(c, "iam:GetUser", Arns.user(name));
        IamUser u = existingUser(name);
        reply.send(200, QueryReply.finish(user(QueryReply.start(c.service(), "GetUser"), u), c.requestId()));
    }

    private void listUsers(Call c, Reply reply) {
        authorize(c, "iam:ListUsers", Arns.user("*"));
        XmlOut x = QueryReply.start(c.service(), "ListUsers").start("Users");
        for (IamUser u : s.published().directory().users().values()) {
            userFields(x.start("member"), u).end();
        }
        reply.send(200, QueryReply.finish(x.end().el("IsTruncated", false), c.requestId()));
    }

    private void deleteUser(Call c, Reply reply) {
        String name = name(c, "UserName", 64);
        simple(c, reply, "DeleteUser", "iam:DeleteUser", Arns.user(name), new IamCommand.DeleteUser(name), "user " + name);
    }

    private void createAccessKey(Call c, Reply reply) {
        String user = userParamOrSelf(c);
        authorize(c, "iam:CreateAccessKey", Arns.user(user));
        existingUser(user);
        String akid = Keys.id("AKIA", 16);
        String secret = Keys.secret();
        Account key = new Account(user, akid, s.sealer().seal(secret), false);
        submit(c, new IamCommand.CreateAccessKey(key), "user " + user, reply, () -> {
            XmlOut x = QueryReply.start(c.service(), "CreateAccessKey").start("AccessKey").el("UserName", user).el("AccessKeyId", akid)
                    .el("Status", "Active").el("SecretAccessKey", secret)
                    .el("CreateDate", s.published().directory().keyCreated(akid)).end();
            return QueryReply.finish(x, c.requestId());
        });
    }

    private void listAccessKeys(Call c, Reply reply) {
        String user = userParamOrSelf(c);
        authorize(c, "iam:ListAccessKeys", Arns.user(user));
        existingUser(user);
        Directory d = s.published().directory();
        XmlOut x = QueryReply.start(c.service(), "ListAccessKeys").start("AccessKeyMetadata");
        for (Account a : IamDecisions.keysOf(s.published(), user)) {
            x.start("member").el("UserName", user).el("AccessKeyId", a.accessKeyId())
                    .el("Status", d.active(a.accessKeyId()) ? "Active" : "Inactive").el("CreateDate", d.keyCreated(a.accessKeyId())).end();
        }
        reply.send(200, QueryReply.finish(x.end().el("IsTruncated", false), c.requestId()));
    }

    private void updateAccessKey(Call c, Reply reply) {
        String user = userParamOrSelf(c);
        String akid = required(c, "AccessKeyId");
        String status = required(c, "Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw IamException.validation("1 validation error detected: Value '" + status
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        simple(c, reply, "UpdateAccessKey", "iam:UpdateAccessKey", Arns.user(user),
                new IamCommand.UpdateAccessKey(user, akid, status.equals("Active")), "access key " + akid);
    }

    private void deleteAccessKey(Call c, Reply reply) {
        String user = userParamOrSelf(c);
        String akid = required(c, "AccessKeyId");
        simple(c, reply, "DeleteAccessKey", "iam:DeleteAccessKey", Arns.user(user), new IamCommand.DeleteAccessKey(user, akid),
                "access key " + akid);
    }

    // ---- groups

    private void createGroup(Call c, Reply reply) {
        String name = name(c, "GroupName", 128);
        authorize(c, "iam:CreateGroup", Arns.group(name));
        submit(c, new IamCommand.CreateGroup(name, Keys.id("AGPA", 17)), "group " + name, reply,
                () -> QueryReply.finish(group(QueryReply.start(c.service(), "CreateGroup"),
                        s.published().directory().group(name).orElseThrow()), c.requestId()));
    }

    private void getGroup(Call c, Reply reply) {
        String name = name(c, "GroupName", 128);
        authorize(c, "iam:GetGroup", Arns.group(name));
        Directory d = s.published().directory();
        IamGroup g = d.group(name).orElseThrow(() -> IamException.noSuchEntity("The group with name " + name + " cannot be found."));
        XmlOut x = group(QueryReply.start(c.service(), "GetGroup"), g).start("Users");
        for (String member : new java.util.TreeSet<>(d.members(name))) {
            d.user(member).ifPresent(u -> userFields(x.start("member"), u).end());
        }
        reply.send(200, QueryReply.finish(x.end().el("IsTruncated", false), c.requestId()));
    }

    private void membership(Call c, Reply reply, boolean add) {
        String group = name(c, "GroupName", 128);
        String user = name(c, "UserName", 64);
        String action = add ? "AddUserToGroup" : "RemoveUserFromGroup";
        simple(c, reply, action, "iam:" + action, Arns.group(group), new IamCommand.SetGroupMembership(group, user, add),
                "group " + group + " or user " + user);
    }

    // ---- roles

    private void createRole(Call c, Reply reply) {
        String name = name(c, "RoleName", 64);
        authorize(c, "iam:CreateRole", Arns.role(name));
        String trust = required(c, "AssumeRolePolicyDocument");
        validPolicy(trust, PolicyParser.Kind.TRUST);
        int max = DEFAULT_SESSION_SECONDS;
        if (c.param("MaxSessionDuration") != null) {
            max = integer(c, "MaxSessionDuration");
            if (max < 3600 || max > 43_200) {
                throw IamException.validation("1 validation error detected: Value '" + max
                        + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
            }
        }
        IamRole role = new IamRole(name, Keys.id("AROA", 17), trust, max, Instant.EPOCH);
        submit(c, new IamCommand.CreateRole(role), "role " + name, reply,
                () -> QueryReply.finish(role(QueryReply.start(c.service(), "CreateRole"), s.published().directory().role(name).orElseThrow()),
                        c.requestId()));
    }

    private void getRole(Call c, Reply reply) {
        String name = name(c, "RoleName", 64);
        authorize(c, "iam:GetRole", Arns.role(name));
        IamRole r = s.published().directory().role(name)
                .orElseThrow(() -> IamException.noSuchEntity("The role with name " + name + " cannot be found."));
        reply.send(200, QueryReply.finish(role(QueryReply.start(c.service(), "GetRole"), r), c.requestId()));
    }

    private void listRoles(Call c, Reply reply) {
        authorize(c, "iam:ListRoles", Arns.role("*"));
        XmlOut x = QueryReply.start(c.service(), "ListRoles").start("Roles");
        for (IamRole r : s.published().directory().roles().values()) {
            roleFields(x.start("member"), r).end();
        }
        reply.send(200, QueryReply.finish(x.end().el("IsTruncated", false), c.requestId()));
    }

    // ---- inline policies (users, groups, roles) and the guardrail

    private void putPolicy(Call c, Reply reply, PolicyScope scope, String ownerParam, String action) {
        String owner = name(c, ownerParam, 128);
        String policyName = name(c, "PolicyName", 128);
        String doc = required(c, "PolicyDocument");
        authorize(c, "iam:" + action, ownerArn(scope, owner));
        validPolicy(doc, PolicyParser.Kind.IDENTITY);
        simple(c, reply, action, null, null, new IamCommand.PutPolicy(scope, owner, policyName, doc), entity(scope, owner));
    }

    private void getPolicy(Call c, Reply reply, PolicyScope scope, String ownerParam, String action) {
        String owner = name(c, ownerParam, 128);
        String policyName = name(c, "PolicyName", 128);
        authorize(c, "iam:" + action, ownerArn(scope, owner));
        String doc = s.published().directory().policies(scope, owner).get(policyName);
        if (doc == null) {
            throw IamException.noSuchEntity("The " + scope.name().toLowerCase(java.util.Locale.ROOT) + " policy with name " + policyName
                    + " cannot be found.");
        }
        XmlOut x = QueryReply.start(c.service(), action).el(ownerParam, owner).el("PolicyName", policyName)
                .el("PolicyDocument", urlEncode(doc));
        reply.send(200, QueryReply.finish(x, c.requestId()));
    }

    private void listPolicies(Call c, Reply reply, PolicyScope scope, String ownerParam, String action) {
        String owner = name(c, ownerParam, 128);
        authorize(c, "iam:" + action, ownerArn(scope, owner));
        if (!exists(scope, owner)) {
            throw IamException.noSuchEntity("The " + entity(scope, owner) + " cannot be found.");
        }
        XmlOut x = QueryReply.start(c.service(), action).start("PolicyNames");
        for (String n : s.published().directory().policies(scope, owner).keySet()) {
            x.el("member", n);
        }
        reply.send(200, QueryReply.finish(x.end().el("IsTruncated", false), c.requestId()));
    }

    private void deletePolicy(Call c, Reply reply, PolicyScope scope, String ownerParam, String action) {
        String owner = name(c, ownerParam, 128);
        String policyName = name(c, "PolicyName", 128);
        authorize(c, "iam:" + action, ownerArn(scope, owner));
        simple(c, reply, action, null, null, new IamCommand.PutPolicy(scope, owner, policyName, null),
                "policy " + policyName + " of " + entity(scope, owner));
    }

    /** The guardrail: root's alone, and never subject to itself, so that it can always be repaired. */
    private void putGuardrail(Call c, Reply reply) {
        requireRoot(c);
        String doc = required(c, "PolicyDocument");
        validPolicy(doc, PolicyParser.Kind.GUARDRAIL);
        simple(c, reply, "PutGuardrailPolicy", null, null, new IamCommand.PutPolicy(PolicyScope.GUARDRAIL, null, null, doc), "guardrail");
    }

    private void getGuardrail(Call c, Reply reply) {
        requireRoot(c);
        String doc = s.published().directory().guardrail();
        if (doc == null) {
            throw IamException.noSuchEntity("No guardrail policy is set.");
        }
        reply.send(200, QueryReply.finish(QueryReply.start(c.service(), "GetGuardrailPolicy").el("PolicyDocument", urlEncode(doc)),
                c.requestId()));
    }

    private void deleteGuardrail(Call c, Reply reply) {
        requireRoot(c);
        simple(c, reply, "DeleteGuardrailPolicy", null, null, new IamCommand.PutPolicy(PolicyScope.GUARDRAIL, null, null, null),
                "guardrail");
    }

    // ---- STS

    private void assumeRole(Call c, Reply reply) {
        String roleArn = required(c, "RoleArn");
        String sessionName = required(c, "RoleSessionName");
        if (sessionName.length() < 2 || sessionName.length() > 64 || !NAME.matcher(sessionName).matches()) {
            throw IamException.validation("1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        java.util.regex.Matcher m = ROLE_ARN.matcher(roleArn);
        Optional<IamRole> role = m.matches() ? s.published().directory().role(m.group(1)) : Optional.empty();
        // The question is asked about the role that would be assumed, named canonically.
        RequestFacts f = c.facts().apply("sts:AssumeRole", role.map(r -> Arns.role(r.name())).orElse(roleArn));
        if (role.isEmpty() || !Authorizer.mayAssume(f, s.access().guardrail(), s.access().identityPolicies(c.caller()),
                s.access().trustPolicy(role.get().trustPolicy()))) {
            throw IamException.accessDenied("User: " + c.caller().auditName() + " is not authorized to perform: sts:AssumeRole on resource: "
                    + roleArn);
        }
        int seconds = c.param("DurationSeconds") == null ? DEFAULT_SESSION_SECONDS : integer(c, "DurationSeconds");
        if (seconds < 900 || seconds > role.get().maxSessionSeconds()) {
            throw IamException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role"
                    + " (or is under 900 seconds): " + seconds);
        }
        Instant expires = s.clock().instant().plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Session session = new Session(Keys.id("ASIA", 16), Keys.secret(), role.get().name(), role.get().roleId(), sessionName, expires,
                c.caller().auditName());
        String token = new SessionTokens(s.sealer()).issue(session);
        AUDIT.info("sts:AssumeRole {} as {} by {} from {} (request {}, until {})", roleArn, sessionName, c.caller().auditName(),
                c.context().sourceIp(), c.requestId(), expires);
        XmlOut x = QueryReply.start(c.service(), "AssumeRole").start("Credentials").el("AccessKeyId", session.accessKeyId())
                .el("SecretAccessKey", session.secretKey()).el("SessionToken", token).el("Expiration", expires).end()
                .start("AssumedRoleUser").el("AssumedRoleId", role.get().roleId() + ":" + sessionName)
                .el("Arn", Arns.assumedRole(role.get().name(), sessionName)).end();
        reply.send(200, QueryReply.finish(x, c.requestId()));
    }

    private void getCallerIdentity(Call c, Reply reply) {
        Caller who = c.caller();
        XmlOut x = QueryReply.start(c.service(), "GetCallerIdentity").el("UserId", who.userId()).el("Account", Arns.ACCOUNT_ID)
                .el("Arn", who.sessionArn() != null ? who.sessionArn() : who.arn());
        reply.send(200, QueryReply.finish(x, c.requestId()));
    }

    // ---- shared steps

    /** Checks permission (if {@code action} is given), submits, and answers with an empty result. */
    private void simple(Call c, Reply reply, String responseName, String action, String resource, Command cmd, String entity) {
        if (action != null) {
            authorize(c, action, resource);
        }
        submit(c, cmd, entity, reply, () -> QueryReply.finish(QueryReply.start(c.service(), responseName), c.requestId()));
    }

    private void submit(Call c, Command cmd, String entity, Reply reply, java.util.function.Supplier<byte[]> onAccepted) {
        s.bus().submit(cmd, c.context(), (Consumer<Decision>) d -> {
            if (d.refused()) {
                IamException e = refusal(d.refusal(), entity);
                reply.send(e.status(), QueryReply.error(c.service(), c.requestId(), e.code(), e.getMessage(), e.status()));
            } else {
                reply.send(200, onAccepted.get());
            }
        });
    }

    static IamException refusal(Refusal r, String entity) {
        return switch (r) {
            case NO_SUCH_ENTITY -> IamException.noSuchEntity("The " + entity + " cannot be found.");
            case ENTITY_EXISTS -> new IamException("EntityAlreadyExists", 409, "The " + entity + " already exists.");
            case LIMIT_EXCEEDED -> new IamException("LimitExceeded", 409,
                    "Cannot exceed quota for AccessKeysPerUser: " + IamDecisions.MAX_KEYS_PER_USER);
            case DELETE_CONFLICT -> new IamException("DeleteConflict", 409,
                    "Cannot delete the " + entity + ": it still has access keys, policies, members or group memberships.");
            case WRITES_STOPPED -> new IamException("ServiceUnavailable", 503, "Writes are stopped after a storage failure.");
            default -> new IamException("ServiceFailure", 500, "Internal error: " + r);
        };
    }

    private void authorize(Call c, String action, String resource) {
        if (!s.access().allowed(c.facts().apply(action, resource), null)) {
            throw IamException.accessDenied("User: " + c.caller().auditName() + " is not authorized to perform: " + action
                    + " on resource: " + resource);
        }
    }

    private static void requireRoot(Call c) {
        if (c.caller().kind() != Caller.Kind.ROOT) {
            throw IamException.accessDenied("Only the root account may manage the guardrail policy.");
        }
    }

    private static void validPolicy(String doc, PolicyParser.Kind kind) {
        try {
            PolicyParser.parse(doc, kind, null);
        } catch (PolicyException e) {
            throw new IamException("MalformedPolicyDocument", 400, e.getMessage());
        }
    }

    private String userParamOrSelf(Call c) {
        String user = c.param("UserName");
        if (user != null) {
            return name(c, "UserName", 64);
        }
        if (c.caller().userName() == null) {
            throw IamException.validation("Must specify userName when calling with non-User credentials");
        }
        return c.caller().userName();
    }

    private IamUser existingUser(String name) {
        return s.published().directory().user(name)
                .orElseThrow(() -> IamException.noSuchEntity("The user with name " + name + " cannot be found."));
    }

    private boolean exists(PolicyScope scope, String owner) {
        Directory d = s.published().directory();
        return switch (scope) {
            case USER -> d.user(owner).isPresent();
            case GROUP -> d.group(owner).isPresent();
            default -> d.role(owner).isPresent();
        };
    }

    private static String ownerArn(PolicyScope scope, String owner) {
        return switch (scope) {
            case USER -> Arns.user(owner);
            case GROUP -> Arns.group(owner);
            default -> Arns.role(owner);
        };
    }

    private static String entity(PolicyScope scope, String owner) {
        return scope.name().toLowerCase(java.util.Locale.ROOT) + " " + owner;
    }

    private static String required(Call c, String param) {
        String v = c.param(param);
        if (v == null || v.isEmpty()) {
            throw IamException.validation("1 validation error detected: Value null at '" + Character.toLowerCase(param.charAt(0))
                    + param.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private static String name(Call c, String param, int max) {
        String v = required(c, param);
        if (v.length() > max || !NAME.matcher(v).matches()) {
            throw IamException.validation("1 validation error detected: Value '" + v + "' at '" + Character.toLowerCase(param.charAt(0))
                    + param.substring(1) + "' failed to satisfy constraint: Member must have length less than or equal to " + max
                    + " and match the pattern [\\w+=,.@-]+");
        }
        return v;
    }

    private static int integer(Call c, String param) {
        try {
            return Integer.parseInt(c.param(param).trim());
        } catch (NumberFormatException e) {
            throw IamException.validation("Value '" + c.param(param) + "' at '" + param + "' is not a number");
        }
    }

    /** How IAM returns policy documents: URL-encoded (botocore decodes them), spaces as %20. */
    static String urlEncode(String doc) {
        return URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static XmlOut user(XmlOut x, IamUser u) {
        return userFields(x.start("User"), u).end();
    }

    private static XmlOut userFields(XmlOut x, IamUser u) {
        return x.el("Path", "/").el("UserName", u.name()).el("UserId", u.userId()).el("Arn", Arns.user(u.name()))
                .el("CreateDate", u.created());
    }

    private static XmlOut group(XmlOut x, IamGroup g) {
        return x.start("Group").el("Path", "/").el("GroupName", g.name()).el("GroupId", g.groupId()).el("Arn", Arns.group(g.name()))
                .el("CreateDate", g.created()).end();
    }

    private static XmlOut role(XmlOut x, IamRole r) {
        return roleFields(x.start("Role"), r).end();
    }

    private static XmlOut roleFields(XmlOut x, IamRole r) {
        return x.el("Path", "/").el("RoleName", r.name()).el("RoleId", r.roleId()).el("Arn", Arns.role(r.name()))
                .el("CreateDate", r.created()).el("AssumeRolePolicyDocument", urlEncode(r.trustPolicy()))
                .el("MaxSessionDuration", r.maxSessionSeconds());
    }
}
