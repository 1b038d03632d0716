package com.greenroom.experiments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic assignment: the variant index is SHA-256(seed ":" creatorId), first 8 bytes, modulo the variant count. */
final class SeedAssignment {

	private SeedAssignment() {
	}

	static int variantOf(long seed, String creatorId, int variants) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((seed + ":" + creatorId).getBytes(StandardCharsets.UTF_8));
			return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), (long) variants);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}
}
