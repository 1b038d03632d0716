package com.greenroom.identity.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start on an empty database: creates the {@code admin} user with {@code GREENROOM_ADMIN_PASSWORD}
 * (or a generated password, printed once), and an admin API token of exactly {@code GREENROOM_ADMIN_TOKEN}
 * when that is set. Only hashes are stored.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final Users users;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final String password;

	private final String token;

	AdminBootstrap(Users users, TransactionTemplate transactions, JdbcClient jdbc, @Value("${greenroom.admin.password:}") String password,
			@Value("${greenroom.admin.token:}") String token) {
		this.users = users;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.password = password;
		this.token = token;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			// nodes starting together on one empty database take turns: the second finds the admin and stops
			jdbc.sql("select pg_advisory_xact_lock(hashtext('greenroom.admin-bootstrap'))").query().singleRow();
			if (users.count() > 0) {
				return;
			}
			boolean generated = password.isBlank();
			String adminPassword = generated ? Users.randomSecret().substring(0, 24) : password;
			UserSummary admin = users.create(new Users.UserDraft("admin", "Administrator", null, adminPassword,
					List.of(Role.ADMIN.name()), List.of()));
			if (generated) {
				log.warn("""

						==========================================================
						 Greenroom admin created. Sign in as 'admin' with password:
						   {}
						 It is shown only this once; change it in the console.
						==========================================================""", adminPassword);
			}
			else {
				log.info("Greenroom admin created with the password from GREENROOM_ADMIN_PASSWORD");
			}
			if (!token.isBlank()) {
				users.issueToken(admin.id(), "bootstrap (GREENROOM_ADMIN_TOKEN)", "PERSONAL", token);
				log.info("Admin API token created from GREENROOM_ADMIN_TOKEN");
			}
		});
	}
}
