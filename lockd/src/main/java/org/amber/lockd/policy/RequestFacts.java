package org.amber.lockd.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One authorization question: may {@code caller} do {@code action} on {@code resource}, given the request's
 * condition keys. Key names are case-insensitive (stored lower-cased); every key may hold several values.
 *
 * @param action   e.g. {@code s3:GetObject}
 * @param resource an ARN ({@code arn:aws:s3:::bucket/key}) or {@code *} for actions without a resource
 */
public record RequestFacts(String action, String resource, Caller caller, Map<String, List<String>> keys) {
    public RequestFacts {
        Map<String, List<String>> k = new HashMap<>();
        keys.forEach((name, values) -> k.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        callerKeys(caller).forEach(k::putIfAbsent);
        keys = Map.copyOf(k);
    }

    /** The keys every request has from who made it (absent ones are simply not there). */
    private static Map<String, List<String>> callerKeys(Caller c) {
        Map<String, List<String>> k = new HashMap<>();
        if (c.arn() != null) {
            k.put("aws:principalarn", List.of(c.arn()));
            k.put("aws:principalaccount", List.of(Arns.ACCOUNT_ID));
        }
        if (c.userName() != null) {
            k.put("aws:username", List.of(c.userName()));
        }
        k.put("aws:userid", List.of(c.userId()));
        k.put("aws:principaltype", List.of(switch (c.kind()) {
            case ROOT -> "Account";
            case USER -> "User";
            case ROLE_SESSION -> "AssumedRole";
            case ANONYMOUS -> "Anonymous";
        }));
        return k;
    }

    /** The same question about another action and resource (the extra evaluations of spec §6.3). */
    public RequestFacts with(String otherAction, String otherResource) {
        return new RequestFacts(otherAction, otherResource, caller, keys);
    }

    /** The same question with more keys (e.g. the lock keys read from a body). */
    public RequestFacts withKeys(Map<String, List<String>> more) {
        Map<String, List<String>> k = new HashMap<>(keys);
        more.forEach((name, values) -> k.put(name.toLowerCase(Locale.ROOT), values));
        return new RequestFacts(action, resource, caller, k);
    }

    /** The single value of {@code key} (first of several), or null when absent. */
    public String value(String key) {
        List<String> v = keys.get(key.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
