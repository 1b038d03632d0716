package com.greenroom.system;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings of the HTTP server that Spring properties do not reach. */
@Configuration(proxyBeanMethods = false)
class HttpServerConfiguration {

	/**
	 * Tomcat would refuse an encoded slash ({@code %2F}) itself, with its own HTML page; passed through,
	 * the security firewall refuses it like every other suspicious path, as a problem document.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
		return connector -> connector.setEncodedSolidusHandling("passthrough");
	}
}
