package com.greenroom.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Conditional requests for the whole API: ETags from {@link EntityTags}, If-Match from {@link IfMatchInterceptor}. */
@Configuration(proxyBeanMethods = false)
class ConditionalRequestsConfiguration implements WebMvcConfigurer {

	private final IfMatchInterceptor ifMatch;

	ConditionalRequestsConfiguration(IfMatchInterceptor ifMatch) {
		this.ifMatch = ifMatch;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(ifMatch).addPathPatterns("/api/**");
	}
}
