package com.greenroom.support;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * An SMTP server in the test JVM (GreenMail on a free port): the application's {@code spring.mail.*} points at
 * it, so email goes over real SMTP. One per JVM; tests call {@link #clear()} first.
 */
public final class TestMail {

	private static final TestMail INSTANCE = new TestMail();

	private final GreenMail greenMail;

	private TestMail() {
		greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		greenMail.start();
	}

	public static TestMail get() {
		return INSTANCE;
	}

	public int port() {
		return greenMail.getSmtp().getPort();
	}

	public List<MimeMessage> received() {
		return List.of(greenMail.getReceivedMessages());
	}

	public void clear() {
		try {
			greenMail.purgeEmailFromAllMailboxes();
		}
		catch (com.icegreen.greenmail.store.FolderException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
