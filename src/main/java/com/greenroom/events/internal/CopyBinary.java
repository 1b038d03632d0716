package com.greenroom.events.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.postgresql.util.ByteConverter;

/**
 * Rows in PostgreSQL's binary COPY format, built for the append path: each field its length and its value in
 * the type's binary form, so PostgreSQL parses no text (timestamps arrive as microseconds, not as text its
 * date-time parser reads). Strings are written as UTF-8 with no escaping; a NUL character never reaches here
 * (the reader refuses it in every field).
 */
final class CopyBinary {

	/** The signature, the flags (no OIDs) and an empty header extension. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 };

	/** Seconds from the Unix epoch to PostgreSQL's (2000-01-01T00:00:00Z). */
	private static final long POSTGRES_EPOCH = 946_684_800L;

	/** The jsonb binary format's version byte, before the JSON text. */
	private static final byte JSONB_VERSION = 1;

	private byte[] bytes;

	private int size;

	CopyBinary(int capacity) {
		this.bytes = new byte[Math.max(64, capacity)];
	}

	byte[] array() {
		return bytes;
	}

	int size() {
		return size;
	}

	/** Empties the buffer, keeping its array, to build the next chunk in it. */
	void clear() {
		size = 0;
	}

	/** The header that opens the data: once, before the first row. */
	CopyBinary header() {
		ensure(HEADER.length);
		System.arraycopy(HEADER, 0, bytes, size, HEADER.length);
		size += HEADER.length;
		return this;
	}

	/** Starts a row of {@code fields} fields. */
	CopyBinary row(int fields) {
		return int16(fields);
	}

	/** The trailer that closes the data: once, after the last row. */
	CopyBinary trailer() {
		return int16(-1);
	}

	CopyBinary nul() {
		return int32(-1);
	}

	/** A text field as UTF-8 (an unpaired surrogate as '?', as {@link String#getBytes} writes it); null as NULL. */
	@SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, right for ASCII
	CopyBinary text(String value) {
		if (value == null) {
			return nul();
		}
		int n = value.length();
		ensure(4 + n * 3);
		int start = size + 4;
		size = start;
		int plain = 0;
		while (plain < n && value.charAt(plain) < 0x80) {
			plain++;
		}
		// the ASCII prefix (usually the whole value) copied in one go: each char is its own byte
		value.getBytes(0, plain, bytes, size);
		size += plain;
		for (int i = plain; i < n; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				bytes[size++] = (byte) c;
			}
			else {
				i = utf8(value, i);
			}
		}
		ByteConverter.int4(bytes, start - 4, size - start);
		return this;
	}

	/** A bigint field. */
	CopyBinary bigint(long value) {
		ensure(12);
		ByteConverter.int4(bytes, size, 8);
		ByteConverter.int8(bytes, size + 4, value);
		size += 12;
		return this;
	}

	/** A smallint field. */
	CopyBinary smallint(int value) {
		return int32(2).int16(value);
	}

	/** A text field already in UTF-8. */
	CopyBinary utf8(byte[] value) {
		ensure(4 + value.length);
		ByteConverter.int4(bytes, size, value.length);
		System.arraycopy(value, 0, bytes, size + 4, value.length);
		size += 4 + value.length;
		return this;
	}

	/**
	 * A timestamptz field: microseconds since 2000-01-01 UTC. The nanoseconds round to the microsecond as PostgreSQL
	 * rounds a fraction it reads as text ({@code rint(strtod(fraction) * 1000000)}: the same double operations, and
	 * half to even), so a timestamp stores the same value it stored when the rows were sent as text.
	 */
	CopyBinary timestamp(Instant instant) {
		long micros = (instant.getEpochSecond() - POSTGRES_EPOCH) * 1_000_000L;
		if (instant.getNano() != 0) {
			micros += (long) Math.rint(instant.getNano() / 1e9 * 1_000_000);
		}
		ensure(12);
		ByteConverter.int4(bytes, size, 8);
		ByteConverter.int8(bytes, size + 4, micros);
		size += 12;
		return this;
	}

	/** A numeric field in PostgreSQL's binary form (pgjdbc's encoder); null as NULL. */
	CopyBinary numeric(BigDecimal value) {
		if (value == null) {
			return nul();
		}
		byte[] encoded = ByteConverter.numeric(value);
		ensure(4 + encoded.length);
		ByteConverter.int4(bytes, size, encoded.length);
		System.arraycopy(encoded, 0, bytes, size + 4, encoded.length);
		size += 4 + encoded.length;
		return this;
	}

	/** A jsonb field holding an object of string values; null or empty as NULL. */
	CopyBinary jsonObject(Map<String, String> values) {
		if (values == null || values.isEmpty()) {
			return nul();
		}
		ensure(6);
		int start = size + 4;
		bytes[start] = JSONB_VERSION;
		size = start + 1;
		bytes[size++] = '{';
		boolean first = true;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			if (!first) {
				ascii(',');
			}
			first = false;
			jsonString(entry.getKey());
			ascii(':');
			jsonString(entry.getValue());
		}
		ascii('}');
		ByteConverter.int4(bytes, start - 4, size - start);
		return this;
	}

	/** A JSON string: quotes, backslash and control characters escaped. */
	private void jsonString(String value) {
		ensure(value.length() * 6 + 2);
		bytes[size++] = '"';
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				bytes[size++] = '\\';
				bytes[size++] = (byte) c;
			}
			else if (c < 0x20) {
				bytes[size++] = '\\';
				bytes[size++] = 'u';
				bytes[size++] = '0';
				bytes[size++] = '0';
				bytes[size++] = (byte) HEX[c >> 4];
				bytes[size++] = (byte) HEX[c & 0xF];
			}
			else if (c < 0x80) {
				bytes[size++] = (byte) c;
			}
			else {
				i = utf8(value, i);
			}
		}
		bytes[size++] = '"';
	}

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private void ascii(char c) {
		ensure(1);
		bytes[size++] = (byte) c;
	}

	private CopyBinary int16(int value) {
		ensure(2);
		ByteConverter.int2(bytes, size, value);
		size += 2;
		return this;
	}

	private CopyBinary int32(int value) {
		ensure(4);
		ByteConverter.int4(bytes, size, value);
		size += 4;
		return this;
	}

	/**
	 * Writes the non-ASCII character at {@code i} (a surrogate pair as one code point); returns the last index used.
	 * The caller has made room for it (at most 3 bytes per char).
	 */
	private int utf8(String value, int i) {
		int cp = value.codePointAt(i);
		if (cp < 0x800) {
			bytes[size++] = (byte) (0xC0 | cp >> 6);
			bytes[size++] = (byte) (0x80 | cp & 0x3F);
		}
		else if (cp < 0x10000) {
			if (Character.isSurrogate((char) cp)) {
				bytes[size++] = '?'; // an unpaired surrogate has no UTF-8 form; String.getBytes writes '?' too
				return i;
			}
			bytes[size++] = (byte) (0xE0 | cp >> 12);
			bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
			bytes[size++] = (byte) (0x80 | cp & 0x3F);
		}
		else {
			bytes[size++] = (byte) (0xF0 | cp >> 18);
			bytes[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
			bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
			bytes[size++] = (byte) (0x80 | cp & 0x3F);
			return i + 1;
		}
		return i;
	}

	private void ensure(int more) {
		if (size + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
		}
	}
}
