package org.amber.s3.iam;

import java.util.concurrent.ConcurrentHashMap;
import org.amber.lockd.policy.Policy;

/**
 * Parsed forms of the stored policy documents, so that a request parses nothing. Keyed by document text and
 * kind; the store holds few documents, and the cache forgets everything if it ever grows past a bound.
 */
final class PolicyCache {
    private static final int LIMIT = 4096;
    private final ConcurrentHashMap<String, Policy> parsed = new ConcurrentHashMap<>();

    Policy get(String document, PolicyParser.Kind kind) {
        if (document == null) {
            return null;
        }
        String key = kind.name() + '\n' + document;
        Policy p = parsed.get(key);
        if (p == null) {
            if (parsed.size() > LIMIT) {
                parsed.clear();
            }
            p = PolicyParser.parseStored(document, kind);
            parsed.put(key, p);
        }
        return p;
    }
}
