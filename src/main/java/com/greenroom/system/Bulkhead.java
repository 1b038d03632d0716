package com.greenroom.system;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A share of the database pool: at most {@code permits} holders at once; a caller waits up to
 * {@code wait} for a permit and is then refused with {@link ServiceUnavailableException}.
 */
public final class Bulkhead {

	private final String name;

	private final Semaphore permits;

	private final int size;

	private final Duration wait;

	public Bulkhead(String name, int permits, Duration wait) {
		this.name = name;
		this.size = permits;
		this.permits = new Semaphore(permits, true);
		this.wait = wait;
	}

	/** A permit, released by closing it. */
	public interface Permit extends AutoCloseable {

		@Override
		void close();
	}

	public Permit acquire() {
		boolean acquired;
		try {
			acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			throw new ServiceUnavailableException("Greenroom is busy (all " + size + " " + name + " connections are in use); retry shortly",
					Duration.ofSeconds(1));
		}
		return permits::release;
	}

	public String name() {
		return name;
	}

	public int size() {
		return size;
	}

	public int inUse() {
		return size - permits.availablePermits();
	}
}
