package com.greenroom.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down password and token guessing: failed sign-ins are counted per account and per client
 * address in Bucket4j token buckets (a full bucket of {@code n} failures refills over the window), and
 * while either bucket is empty sign-in is refused without checking the password. The moment a bucket
 * runs empty is written to the audit log. Buckets live in memory, per node.
 */
@Component
class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	/** Past this many tracked keys, buckets that are full again are forgotten. */
	private static final int PRUNE_ABOVE = 10_000;

	private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();

	private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final int accountFailures;

	private final int addressFailures;

	private final Duration window;

	private final TimeMeter time;

	SignInThrottle(AuditLog audit, TransactionTemplate transactions, Clock clock,
			@Value("${greenroom.security.sign-in.account-failures:5}") int accountFailures,
			@Value("${greenroom.security.sign-in.address-failures:100}") int addressFailures,
			@Value("${greenroom.security.sign-in.window:15m}") Duration window) {
		this.audit = audit;
		this.transactions = transactions;
		this.accountFailures = accountFailures;
		this.addressFailures = addressFailures;
		this.window = window;
		this.time = new ClockTime(clock);
	}

	/** How long to wait when the account or the address has used up its failures, else empty. */
	Optional<Duration> blocked(String account, String address) {
		long wait = Math.max(waitFor(accounts, key(account)), waitFor(addresses, address));
		return wait > 0 ? Optional.of(Duration.ofNanos(wait).plusSeconds(1).withNanos(0)) : Optional.empty();
	}

	/** Counts a failed sign-in (a wrong password, or an unknown token when {@code account} is null). */
	void failed(String account, String address) {
		String accountKey = key(account);
		if (accountKey != null && take(accounts, accountKey, accountFailures)) {
			recordLock("account", accountKey, address);
		}
		if (address != null && take(addresses, address, addressFailures)) {
			recordLock("address", address, address);
		}
	}

	private static String key(String account) {
		if (account == null || account.isBlank()) {
			return null;
		}
		String key = account.strip().toLowerCase(java.util.Locale.ROOT);
		return key.length() > 64 ? key.substring(0, 64) : key;
	}

	private long waitFor(Map<String, Bucket> buckets, String key) {
		Bucket bucket = key == null ? null : buckets.get(key);
		if (bucket == null) {
			return 0;
		}
		var probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
	}

	/** Takes one failure from the key's bucket; true when that emptied it (the lock starts now). */
	private boolean take(Map<String, Bucket> buckets, String key, int capacity) {
		if (buckets.size() > PRUNE_ABOVE) {
			buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
		}
		Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
			.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
			.withCustomTimePrecision(time)
			.build());
		return bucket.tryConsume(1) && bucket.getAvailableTokens() == 0;
	}

	private void recordLock(String kind, String key, String address) {
		log.warn("Sign-in throttled for {} {} after repeated failures", kind, key);
		transactions.executeWithoutResult(status -> audit.recordAs(address == null ? "anonymous" : address, "sign_in", key,
				"throttled", null, null, Map.of("throttled", kind, "key", key, "failures", kind.equals("account") ? accountFailures
						: addressFailures, "window", window.toString())));
	}

	/** Bucket4j's time from the injected clock; a clock set back (tests do) pauses it instead of reversing it. */
	private static final class ClockTime implements TimeMeter {

		private final Clock clock;

		private long lastRaw = Long.MIN_VALUE;

		private long offset;

		ClockTime(Clock clock) {
			this.clock = clock;
		}

		@Override
		public synchronized long currentTimeNanos() {
			long raw = clock.millis() * 1_000_000L;
			if (lastRaw != Long.MIN_VALUE && raw < lastRaw) {
				offset += lastRaw - raw;
			}
			lastRaw = raw;
			return raw + offset;
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}
	}
}
