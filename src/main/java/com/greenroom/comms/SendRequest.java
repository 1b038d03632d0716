package com.greenroom.comms;

import java.util.List;

/**
 * A send as requested: a template key, its recipients as {@code creatorIds} or a {@code segment} (one of
 * the two), and the requester's {@code idempotencyKey} (the same key again returns the same send). An
 * optional {@code locale} sends that variant to everyone instead of each creator's own.
 */
public record SendRequest(String template, List<String> creatorIds, Segment segment, String idempotencyKey, String locale) {
}
