package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PoolPropertiesUnitTest {

	@Test
	void theWebShareIsOnePermitPerCoreAndAtLeastTwo() {
		assertThat(PoolProperties.defaultWeb(1)).isEqualTo(2);
		assertThat(PoolProperties.defaultWeb(2)).isEqualTo(2);
		assertThat(PoolProperties.defaultWeb(8)).isEqualTo(8);
	}

	@Test
	void thePoolHoldsEveryShareIncludingDownloads() {
		PoolProperties pools = new PoolProperties(3, null, null, null, null, null, null, null);

		assertThat(pools.export()).isEqualTo(2);
		assertThat(pools.exportWait()).isEqualTo(Duration.ofSeconds(2));
		assertThat(pools.total()).isEqualTo(3 + 2 + 4 + 12);
	}

	@Test
	void aShareWithoutPermitsOrANegativeWaitIsRefusedAtStartWithTheSettingsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolProperties(0, null, null, null, null, null, null, null))
			.withMessage("greenroom.pools.web must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolProperties(null, null, null, null, null, null, -1, null))
			.withMessage("greenroom.pools.export must be at least 1, not -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PoolProperties(null, null, null, null, null, null, null, Duration.ofSeconds(-1)))
			.withMessageContaining("greenroom.pools.export-wait must not be negative");
	}
}
