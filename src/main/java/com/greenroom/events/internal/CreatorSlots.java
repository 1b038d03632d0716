package com.greenroom.events.internal;

import java.nio.charset.StandardCharsets;

/**
 * A creator's slot in the log ({@code platform_event.shard}, one of {@link EventsProperties.Projections#SLOTS}): the low
 * six bits of PostgreSQL's {@code hashtextextended(creator_id, 0)}, computed here so that the append sends it as a plain
 * column (V330) rather than PostgreSQL computing a stored generated column for every row (0.7 µs a row, stop 46).
 * <p>
 * {@code hashtextextended} of a text with a deterministic collation is {@code hash_bytes_extended} (Bob Jenkins' lookup3,
 * {@code src/common/hashfn.c}) over the text's bytes in the database encoding (UTF-8), and the result is {@code (b << 32) | c}:
 * the slot is the low six bits of {@code c}. PostgreSQL keeps these values across major versions (hash partitions
 * survive {@code pg_upgrade} on them); {@code CreatorSlotsIntegrationTest} compares this code with the server's.
 */
final class CreatorSlots {

	private CreatorSlots() {
	}

	/** The slot of a creator id. */
	static int of(String creatorId) {
		return (int) (hash(creatorId) & (EventsProperties.Projections.SLOTS - 1));
	}

	/** {@code hashtextextended(id, 0)}: the hash of the id's UTF-8 bytes. */
	static long hash(String id) {
		byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
		return hash(bytes, 0, bytes.length);
	}

	/** The slot of the creator id whose UTF-8 bytes are {@code k[from, from + length)}. */
	static int of(byte[] k, int from, int length) {
		return (int) (hash(k, from, length) & (EventsProperties.Projections.SLOTS - 1));
	}

	/** {@code hash_bytes_extended(k, length, 0)} on a little-endian machine: the words are read low byte first. */
	@SuppressWarnings("fallthrough") // lookup3 adds the last bytes by falling through the cases
	static long hash(byte[] k, int from, int length) {
		int a = 0x9e3779b9 + length + 3923095;
		int b = a;
		int c = a;
		int i = from;
		int len = length;
		while (len >= 12) {
			a += word(k, i);
			b += word(k, i + 4);
			c += word(k, i + 8);
			// mix(a, b, c)
			a -= c;
			a ^= Integer.rotateLeft(c, 4);
			c += b;
			b -= a;
			b ^= Integer.rotateLeft(a, 6);
			a += c;
			c -= b;
			c ^= Integer.rotateLeft(b, 8);
			b += a;
			a -= c;
			a ^= Integer.rotateLeft(c, 16);
			c += b;
			b -= a;
			b ^= Integer.rotateLeft(a, 19);
			a += c;
			c -= b;
			c ^= Integer.rotateLeft(b, 4);
			b += a;
			i += 12;
			len -= 12;
		}
		// the last 0 to 11 bytes (the lowest byte of c stays out: lookup3 reserves it for the length)
		switch (len) {
			case 11 :
				c += (k[i + 10] & 0xff) << 24;
			case 10 :
				c += (k[i + 9] & 0xff) << 16;
			case 9 :
				c += (k[i + 8] & 0xff) << 8;
			case 8 :
				b += (k[i + 7] & 0xff) << 24;
			case 7 :
				b += (k[i + 6] & 0xff) << 16;
			case 6 :
				b += (k[i + 5] & 0xff) << 8;
			case 5 :
				b += k[i + 4] & 0xff;
			case 4 :
				a += (k[i + 3] & 0xff) << 24;
			case 3 :
				a += (k[i + 2] & 0xff) << 16;
			case 2 :
				a += (k[i + 1] & 0xff) << 8;
			case 1 :
				a += k[i] & 0xff;
			default :
				break;
		}
		// final(a, b, c)
		c ^= b;
		c -= Integer.rotateLeft(b, 14);
		a ^= c;
		a -= Integer.rotateLeft(c, 11);
		b ^= a;
		b -= Integer.rotateLeft(a, 25);
		c ^= b;
		c -= Integer.rotateLeft(b, 16);
		a ^= c;
		a -= Integer.rotateLeft(c, 4);
		b ^= a;
		b -= Integer.rotateLeft(a, 14);
		c ^= b;
		c -= Integer.rotateLeft(b, 24);
		return ((long) b << 32) | (c & 0xffffffffL);
	}

	/** Four bytes as a little-endian word. */
	private static int word(byte[] k, int i) {
		return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
	}
}
