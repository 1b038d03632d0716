package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

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
}
