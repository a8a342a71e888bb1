package org.amber.s3.iam;

import java.util.concurrent.ConcurrentHashMap;
import org.amber.lockd.policy.Policy;

/**
 * Parsed forms of the stored policy documents, so that a request parses nothing. Keyed by document text and
 * kind; the store holds few documents, and the cache forgets everything if it ever grows past a bound.
 */
final class PolicyCache {
    private static final int LIMIT = 4096;
    private final java.util.Map<PolicyParser.Kind, ConcurrentHashMap<String, Policy>> parsed = new java.util.EnumMap<>(PolicyParser.Kind.class);

    PolicyCache() {
        for (PolicyParser.Kind k : PolicyParser.Kind.values()) {
            parsed.put(k, new ConcurrentHashMap<>());
        }
    }

    Policy get(String document, PolicyParser.Kind kind) {
        if (document == null) {
            return null;
        }
        ConcurrentHashMap<String, Policy> byDocument = parsed.get(kind);
        Policy p = byDocument.get(document);
        if (p == null) {
            if (byDocument.size() > LIMIT) {
                byDocument.clear();
            }
            p = PolicyParser.parseStored(document, kind);
            byDocument.put(document, p);
        }
        return p;
    }
}
