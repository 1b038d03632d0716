package com.greenroom.notifications;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The email channel: plain-text UTF-8 mail over SMTP through Spring's {@link JavaMailSender} (the standard
 * {@code spring.mail.*} settings). Without {@code spring.mail.host} there is no sender, and email messages
 * fail at once with that reason (visible to admins, retryable once mail is configured) rather than piling up.
 */
@Component
class EmailSender implements OutboxSender {

	private final ObjectProvider<JavaMailSender> mail;

	private final String from;

	EmailSender(ObjectProvider<JavaMailSender> mail, @Value("${greenroom.notifications.email.from:greenroom@localhost}") String from) {
		this.mail = mail;
		this.from = from;
	}

	@Override
	public OutboxChannel channel() {
		return OutboxChannel.EMAIL;
	}

	@Override
	public void send(Claimed message) throws DeliveryFailure {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw DeliveryFailure.giveUp("email is off: spring.mail.host (SPRING_MAIL_HOST) is not set");
		}
		MimeMessage mime = sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
			helper.setFrom(from);
			helper.setTo(message.recipient());
			helper.setSubject(message.subject());
			helper.setText(message.body() == null ? "" : message.body());
			mime.setHeader(WebhookPoster.DELIVERY_HEADER, Long.toString(message.id()));
		}
		catch (MessagingException ex) {
			throw DeliveryFailure.giveUp("the message cannot be written as email: " + ex.getMessage());
		}
		try {
			sender.send(mime);
		}
		catch (MailParseException | MailPreparationException ex) {
			throw DeliveryFailure.giveUp("the message cannot be written as email: " + ex.getMessage());
		}
		catch (MailAuthenticationException ex) {
			throw new DeliveryFailure(DeliveryFailure.Outcome.RETRY, "the SMTP server refused Greenroom's credentials", ex);
		}
		catch (MailException ex) {
			throw classify(ex);
		}
	}

	/**
	 * An SMTP reply is definite: 4xx means "not now" (retry), 5xx means "never" (give up). No connection is a
	 * retry. Anything else happened before the server accepted the message, so it is retried too.
	 */
	private static DeliveryFailure classify(MailException ex) {
		java.util.List<Throwable> roots = new java.util.ArrayList<>();
		roots.add(ex);
		if (ex instanceof org.springframework.mail.MailSendException send) {
			roots.addAll(java.util.List.of(send.getMessageExceptions()));
		}
		for (Throwable root : roots) {
			DeliveryFailure found = classify(ex, root);
			if (found != null) {
				return found;
			}
		}
		return new DeliveryFailure(DeliveryFailure.Outcome.RETRY, "SMTP: " + oneLine(ex.getMessage()), ex);
	}

	private static DeliveryFailure classify(MailException ex, Throwable root) {
		int depth = 0;
		for (Throwable cause = root; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			Integer code = cause instanceof MessagingException ? smtpCode(cause.getMessage()) : null;
			if (code != null && code >= 500) {
				return new DeliveryFailure(DeliveryFailure.Outcome.GIVE_UP, "SMTP " + code + ": " + oneLine(cause.getMessage()), ex);
			}
			if (code != null && code >= 400) {
				return new DeliveryFailure(DeliveryFailure.Outcome.RETRY, "SMTP " + code + ": " + oneLine(cause.getMessage()), ex);
			}
			if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException) {
				return new DeliveryFailure(DeliveryFailure.Outcome.RETRY, "could not reach the SMTP server: " + cause, ex);
			}
		}
		return null;
	}

	/** The reply code an SMTP server's answer starts with ("550 5.1.1 no such user"), if any. */
	private static Integer smtpCode(String message) {
		if (message == null) {
			return null;
		}
		java.util.regex.Matcher code = SMTP_REPLY.matcher(message.strip());
		return code.lookingAt() ? Integer.valueOf(code.group(1)) : null;
	}

	private static final java.util.regex.Pattern SMTP_REPLY = java.util.regex.Pattern.compile("([45][0-9][0-9])[ -]");

	private static String oneLine(String text) {
		return text == null ? "" : text.strip().replaceAll("\\s+", " ");
	}
}
