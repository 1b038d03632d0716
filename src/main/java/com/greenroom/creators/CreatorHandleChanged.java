package com.greenroom.creators;

import java.util.Map;

/**
 * Creators' handles were set (a creator added to the roster, a placeholder or a registration included) or changed, by hand
 * or by a registration. Published inside the transaction that writes the handles, after the write, so a synchronous
 * listener (tasks keeps the handle on each task row for its text search) commits or rolls back with the change itself,
 * and a concurrent writer that reads the creator's row {@code for share} waits for it. {@code handles}: the new handle by
 * creator id, one entry for a single edit, one per creator for a batch of registrations; never empty.
 */
public record CreatorHandleChanged(Map<String, String> handles) {

	public CreatorHandleChanged {
		handles = Map.copyOf(handles);
	}

	static CreatorHandleChanged of(String creatorId, String handle) {
		return new CreatorHandleChanged(Map.of(creatorId, handle));
	}
}
