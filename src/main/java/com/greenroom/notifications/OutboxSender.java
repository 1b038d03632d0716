package com.greenroom.notifications;

/** Sends claimed outbox messages of one channel; throws {@link DeliveryFailure} when a message did not go out. */
interface OutboxSender {

	OutboxChannel channel();

	void send(Claimed message) throws DeliveryFailure;

	/** A message a worker has claimed (marked SENDING under {@code token}) and is about to send. */
	record Claimed(long id, OutboxChannel channel, String recipient, String subject, String body, String dedupKey,
			String source, int attempt, java.util.UUID token) {
	}

	/**
	 * Why a message did not go out. {@link Outcome#RETRY}: surely not delivered and worth another attempt
	 * (no connection, the receiver answered 5xx, 408 or 429, SMTP 4xx). {@link Outcome#GIVE_UP}: surely not
	 * delivered and retrying cannot help (channel not configured, 4xx, SMTP 5xx). {@link Outcome#UNKNOWN}: the
	 * receiver may have it (no answer after the request went out): never retried automatically, so it is
	 * never sent twice.
	 */
	final class DeliveryFailure extends Exception {

		enum Outcome {
			RETRY, GIVE_UP, UNKNOWN
		}

		private final Outcome outcome;

		DeliveryFailure(Outcome outcome, String reason, Throwable cause) {
			super(reason, cause);
			this.outcome = outcome;
		}

		static DeliveryFailure retry(String reason) {
			return new DeliveryFailure(Outcome.RETRY, reason, null);
		}

		static DeliveryFailure giveUp(String reason) {
			return new DeliveryFailure(Outcome.GIVE_UP, reason, null);
		}

		Outcome outcome() {
			return outcome;
		}
	}
}
