package org.amber.lockd.command;

/** CreateBucket. The name has been validated by the protocol layer. */
public record CreateBucket(String bucket) implements Command {
}
