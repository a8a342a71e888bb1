package org.amber.lockd.event;

/**
 * A fact that happened to the store. Events are the only way state changes: the decide stage
 * produces them, the journal persists them, and replay applies them again in the same order.
 * Each event type has a stable wire name in the journal codec; never rename or reuse one.
 */
public sealed interface Event permits AccountCreated, BucketCreated, BucketDeleted, VersioningChanged,
        VersionStored, VersionRemoved, TagsSet, UploadCreated, PartStored, UploadEnded,
        SegmentsDropped, ExtentsMoved, ObjectLockConfigured, RetentionSet, LegalHoldSet, ClockTicked, IamEvent {
}
