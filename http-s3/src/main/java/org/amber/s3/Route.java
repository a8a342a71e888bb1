package org.amber.s3;

import java.util.Set;

/**
 * One row of the route table: a request matches when its method and level are these and the set
 * of its sub-resources equals {@code subresources} exactly.
 */
public record Route(String method, Level level, Set<String> subresources, String name, S3Operation operation) {
    public Route {
        subresources = Set.copyOf(subresources);
    }
}
