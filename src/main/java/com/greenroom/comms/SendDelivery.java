package com.greenroom.comms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.notifications.Outbox;
import com.greenroom.notifications.OutboxChannel;
import com.greenroom.notifications.OutboxMessage;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands a send's pending recipients to the outbox, a batch per timer firing, as many as the channel's rate
 * limit allows; then schedules the next batch. Runs inside the timer's claiming transaction: the recipients'
 * QUEUED marks, the outbox messages and the FIRED mark commit together or not at all, and each message's
 * dedup key ({@code comms-send:<send>:<creator>}) keeps a retried batch from queueing anyone twice. A creator
 * who opted out (or lost their email) since the request is skipped here, with the reason.
 */
@Component
class SendDelivery implements TimerHandler {

	static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final Templates templates;

	private final Creators creators;

	private final ChannelRateLimits limits;

	private final Outbox outbox;

	/** Lazily: the timers module is built from its handlers, this one among them. */
	private final ObjectProvider<Timers> timers;

	private final Clock clock;

	SendDelivery(JdbcClient jdbc, Templates templates, Creators creators, ChannelRateLimits limits, Outbox outbox, ObjectProvider<Timers> timers,
			Clock clock) {
		this.jdbc = jdbc;
		this.templates = templates;
		this.creators = creators;
		this.limits = limits;
		this.outbox = outbox;
		this.timers = timers;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return Sends.TIMER_KIND;
	}

	@Override
	public void fire(Timer timer) {
		long sendId = Long.parseLong(timer.payload());
		int batch = Integer.parseInt(timer.key().substring(timer.key().lastIndexOf(':') + 1));
		String templateKey = jdbc.sql("select t.template_key from comms_send s join comms_template t on t.id = s.template_id where s.id = :id")
			.param("id", sendId)
			.query(String.class)
			.single();
		MessageTemplate template = templates.get(templateKey);
		List<String> pending = jdbc.sql("""
				select creator_id from comms_send_recipient where send_id = :id and status = 'PENDING' order by creator_id limit :batch""")
			.param("id", sendId)
			.param("batch", BATCH)
			.query(String.class)
			.list();
		int allowed = limits.take(template.channel(), pending.size());
		Instant now = clock.instant();
		for (String creatorId : pending.subList(0, allowed)) {
			deliver(sendId, template, creatorId, now);
		}
		boolean more = jdbc.sql("select exists (select 1 from comms_send_recipient where send_id = :id and status = 'PENDING')")
			.param("id", sendId)
			.query(Boolean.class)
			.single();
		if (more) {
			Instant next = allowed == 0 ? now.plus(limits.untilNext(template.channel())) : now;
			timers.getObject().schedule(new TimerRequest(Sends.TIMER_KIND, Sends.timerKey(sendId, batch + 1), next, String.valueOf(sendId)));
		}
	}

	private void deliver(long sendId, MessageTemplate template, String creatorId, Instant now) {
		Optional<Creator> found = creators.find(creatorId);
		Integer version = jdbc.sql("select version from comms_send_recipient where send_id = :id and creator_id = :c")
			.param("id", sendId)
			.param("c", creatorId)
			.query(Integer.class)
			.single();
		String skip = found.isEmpty() ? "creator no longer exists"
				: found.get().commsOptOut() ? "opted out of communications"
						: template.channel() == Channel.EMAIL && found.get().email() == null ? "has no email address" : null;
		if (skip != null) {
			jdbc.sql("update comms_send_recipient set status = 'SKIPPED', reason = :reason where send_id = :id and creator_id = :c")
				.param("reason", skip)
				.param("id", sendId)
				.param("c", creatorId)
				.update();
			return;
		}
		Creator creator = found.get();
		Preview message = templates.render(creator, templates.version(template.key(), version));
		String address = template.channel() == Channel.EMAIL ? creator.email() : creator.creatorId();
		long messageId = outbox.enqueue(new OutboxMessage(template.channel() == Channel.EMAIL ? OutboxChannel.EMAIL : OutboxChannel.PLATFORM,
				address, message.subject(), message.body(), "comms-send:" + sendId + ":" + creatorId, "comms send " + sendId));
		jdbc.sql("""
				update comms_send_recipient set status = 'QUEUED', address = :address, subject = :subject, body = :body, outbox_id = :outbox,
				       queued_at = :now
				where send_id = :id and creator_id = :c""")
			.param("address", address)
			.param("subject", message.subject())
			.param("body", message.body())
			.param("outbox", messageId)
			.param("now", Timestamp.from(now))
			.param("id", sendId)
			.param("c", creatorId)
			.update();
	}
}
