package com.greenroom.creators;

/**
 * A creator's manager was set, changed or removed, by hand or in bulk. Published inside the transaction
 * that makes the change, so a synchronous listener (tasks moves the creator's open manager work) commits
 * or rolls back with the assignment itself. {@code previousManagerId} and {@code managerId} may be null.
 */
public record CreatorManagerChanged(String creatorId, String regionCode, Long previousManagerId, Long managerId) {
}
