package org.amber.lockd.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.amber.lockd.event.IamEvent;

/**
 * Users, groups, roles, key states and attached policy documents (bucket policies live with their bucket).
 * Part of the {@link org.amber.lockd.Store}: one writer applies events; any thread reads.
 */
public final class Directory {
    private final ConcurrentSkipListMap<String, IamUser> users = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, IamGroup> groups = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, IamRole> roles = new ConcurrentSkipListMap<>();
    /** group → members. */
    private final ConcurrentHashMap<String, Set<String>> members = new ConcurrentHashMap<>();
    /** "SCOPE owner" → policy name → document. */
    private final ConcurrentHashMap<String, SortedMap<String, String>> inline = new ConcurrentHashMap<>();
    private final Set<String> inactiveKeys = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Instant> keyCreated = new ConcurrentHashMap<>();
    private volatile String guardrail;

    /** Applies one event; {@code time} is its record's. Thread: the store's single writer. */
    public void apply(IamEvent e, Instant time) {
        if (e instanceof IamEvent.UserCreated u) {
            users.put(u.user().name(), u.user());
        } else if (e instanceof IamEvent.UserDeleted u) {
            users.remove(u.name());
            inline.remove(ownerKey(PolicyScope.USER, u.name()));
        } else if (e instanceof IamEvent.AccessKeyStatusSet k) {
            if (k.active()) {
                inactiveKeys.remove(k.accessKeyId());
            } else {
                inactiveKeys.add(k.accessKeyId());
            }
        } else if (e instanceof IamEvent.AccessKeyDeleted k) {
            inactiveKeys.remove(k.accessKeyId());
            keyCreated.remove(k.accessKeyId());
        } else if (e instanceof IamEvent.GroupCreated g) {
            groups.put(g.group().name(), g.group());
            members.put(g.group().name(), ConcurrentHashMap.newKeySet());
        } else if (e instanceof IamEvent.GroupDeleted g) {
            groups.remove(g.name());
            members.remove(g.name());
            inline.remove(ownerKey(PolicyScope.GROUP, g.name()));
        } else if (e instanceof IamEvent.GroupMembershipSet m) {
            Set<String> set = members.computeIfAbsent(m.group(), k -> ConcurrentHashMap.newKeySet());
            if (m.member()) {
                set.add(m.user());
            } else {
                set.remove(m.user());
            }
        } else if (e instanceof IamEvent.RoleCreated r) {
            roles.put(r.role().name(), r.role());
        } else if (e instanceof IamEvent.RoleDeleted r) {
            roles.remove(r.name());
            inline.remove(ownerKey(PolicyScope.ROLE, r.name()));
        } else if (e instanceof IamEvent.PolicySet p) {
            applyPolicy(p);
        } else {
            throw new IllegalStateException("unknown IAM event " + e);
        }
    }

    private void applyPolicy(IamEvent.PolicySet p) {
        if (p.scope() == PolicyScope.GUARDRAIL) {
            guardrail = p.document();
            return;
        }
        if (p.scope() == PolicyScope.BUCKET) {
            throw new IllegalStateException("bucket policies are applied by the store");
        }
        String owner = ownerKey(p.scope(), p.owner());
        if (p.document() == null) {
            inline.computeIfPresent(owner, (k, m) -> {
                SortedMap<String, String> copy = new TreeMap<>(m);
                copy.remove(p.name());
                return copy.isEmpty() ? null : java.util.Collections.unmodifiableSortedMap(copy);
            });
        } else {
            inline.compute(owner, (k, m) -> {
                SortedMap<String, String> copy = m == null ? new TreeMap<>() : new TreeMap<>(m);
                copy.put(p.name(), p.document());
                return java.util.Collections.unmodifiableSortedMap(copy);
            });
        }
    }

    /** Notes when a key was created (from its AccountCreated record). */
    public void keyCreated(String accessKeyId, Instant time) {
        keyCreated.put(accessKeyId, time);
    }

    private static String ownerKey(PolicyScope scope, String owner) {
        return scope + " " + owner;
    }

    public Optional<IamUser> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public Map<String, IamUser> users() {
        return java.util.Collections.unmodifiableMap(users);
    }

    public Optional<IamGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public Map<String, IamGroup> groups() {
        return java.util.Collections.unmodifiableMap(groups);
    }

    public Optional<IamRole> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    public Map<String, IamRole> roles() {
        return java.util.Collections.unmodifiableMap(roles);
    }

    /** The members of {@code group} (empty if none or no such group). */
    public Set<String> members(String group) {
        Set<String> m = members.get(group);
        return m == null ? Set.of() : Set.copyOf(m);
    }

    /** The groups {@code user} belongs to, sorted. */
    public List<String> groupsOf(String user) {
        return groups.keySet().stream().filter(g -> members(g).contains(user)).toList();
    }

    /** The inline policies of a user, group or role: name → document, sorted by name. */
    public SortedMap<String, String> policies(PolicyScope scope, String owner) {
        SortedMap<String, String> m = inline.get(ownerKey(scope, owner));
        return m == null ? java.util.Collections.emptySortedMap() : m;
    }

    public String guardrail() {
        return guardrail;
    }

    public boolean active(String accessKeyId) {
        return !inactiveKeys.contains(accessKeyId);
    }

    public Instant keyCreated(String accessKeyId) {
        return keyCreated.getOrDefault(accessKeyId, Instant.EPOCH);
    }
}
