package org.amber.s3;

import java.util.Set;

/**
 * One row of the route table: a request matches when its method and level are these, the set of
 * its sub-resources equals {@code subresources} exactly, and the set of operation-selecting
 * headers it carries ({@link S3Routes#SELECTOR_HEADERS}) equals {@code headers} exactly.
 */
public record Route(String method, Level level, Set<String> subresources, Set<String> headers, String name,
                    S3Operation operation) {
    public Route {
        subresources = Set.copyOf(subresources);
        headers = Set.copyOf(headers);
    }

    /** A route selected by method, level and sub-resources alone. */
    public Route(String method, Level level, Set<String> subresources, String name, S3Operation operation) {
        this(method, level, subresources, Set.of(), name, operation);
    }
}
