package org.amber.lockd.command;

/**
 * A request to change the store. The decide stage turns each into events or a refusal
 * ({@link org.amber.lockd.StateMachine#decide}); commands never change state themselves.
 */
public sealed interface Command permits CreateAccount, CreateBucket, DeleteBucket, PutBucketVersioning, PutObject,
        DeleteObject, PutObjectTagging, CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
        AbortMultipartUpload, DropSegments, RelocateExtents, PutObjectLockConfiguration, PutObjectRetention,
        PutObjectLegalHold, TickClock, IamCommand {
}
