package com.greenroom.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.greenroom.notifications.OutboxSender.Claimed;
import com.greenroom.notifications.OutboxSender.DeliveryFailure;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class EmailSenderUnitTest {

	private static final Claimed MESSAGE = new Claimed(1, OutboxChannel.EMAIL, "ana@example.com", "Hello", "Body", "k", "test", 1,
			UUID.randomUUID());

	@Test
	void withoutAnSmtpHostEmailFailsAtOnceSayingSo() {
		EmailSender sender = new EmailSender(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), "greenroom@localhost");

		assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
			assertThat(failure.outcome()).isEqualTo(DeliveryFailure.Outcome.GIVE_UP);
			assertThat(failure.getMessage()).contains("spring.mail.host");
		});
	}

	@Test
	void anUnreachableSmtpServerIsRetried() {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(1);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("mail", mail);
		EmailSender sender = new EmailSender(beans.getBeanProvider(JavaMailSender.class), "greenroom@localhost");

		assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOfSatisfying(DeliveryFailure.class,
				failure -> assertThat(failure.outcome()).isEqualTo(DeliveryFailure.Outcome.RETRY));
	}
}
