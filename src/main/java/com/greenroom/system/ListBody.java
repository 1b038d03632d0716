package com.greenroom.system;

/**
 * A list the API answers in a shape of its own (its items with a total, counts, ...) rather than as a {@link PageOf}: like
 * a {@code PageOf} it gets no ETag ({@link EntityTags}), so it is serialized once, not digested, and compressed for a
 * client that accepts gzip.
 */
public interface ListBody {
}
