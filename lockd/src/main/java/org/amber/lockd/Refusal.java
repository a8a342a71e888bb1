package org.amber.lockd;

/**
 * Why the state machine refused a command. The protocol layer maps each to its wire error; lockd
 * knows nothing of HTTP.
 */
public enum Refusal {
    NO_SUCH_BUCKET,
    BUCKET_ALREADY_OWNED_BY_YOU,
    BUCKET_ALREADY_EXISTS,
    BUCKET_NOT_EMPTY,
    NO_SUCH_KEY,
    NO_SUCH_VERSION,
    INVALID_VERSION_ID,
    /** The operation does not apply to a delete marker. */
    METHOD_NOT_ALLOWED,
    ACCOUNT_EXISTS,
    /** No multipart upload with that id (never was, or completed, or aborted) for that key. */
    NO_SUCH_UPLOAD,
    /** A part named for completion is not (or no longer) the upload's part with that number. */
    INVALID_PART,
    /** The command's bytes are in a segment reclamation already dropped; the client must send them again. */
    BLOB_RECLAIMED,
    /** A retention or legal-hold operation on a bucket without Object Lock. */
    NO_LOCK_CONFIGURATION,
    /** Lock headers on a write to a bucket without Object Lock. */
    LOCK_HEADERS_WITHOUT_LOCK,
    /** Object Lock cannot be enabled unless versioning is Enabled. */
    VERSIONING_NOT_ENABLED,
    /** A lock-enabled bucket's versioning cannot be suspended. */
    LOCK_KEEPS_VERSIONING,
    /** The lock predicate or the retention transition rules forbid it. */
    OBJECT_LOCKED,
    /** A retain-until date that is not after the compliance clock. */
    RETAIN_UNTIL_NOT_FUTURE,
    /** The caller's policies do not allow it (decided by the protocol layer, recorded per key of a batch). */
    ACCESS_DENIED,
    /** IAM: the user, group, role, key or policy named does not exist. */
    NO_SUCH_ENTITY,
    /** IAM: a user, group or role of that name exists already. */
    ENTITY_EXISTS,
    /** IAM: a user already has two access keys. */
    LIMIT_EXCEEDED,
    /** IAM: the entity still has keys, policies or members and cannot be deleted. */
    DELETE_CONFLICT,
    /** A bug: deciding the command threw; nothing was changed. */
    INTERNAL_ERROR,
    /** The daemon stopped accepting writes after a storage failure (fail-stop). */
    WRITES_STOPPED,
    /** The heap, which holds every version's state, is nearly full: new objects wait until room is made. */
    MEMORY_FULL
}
