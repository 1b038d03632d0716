package com.greenroom.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at /v3/api-docs (browsable at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI greenroomOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Greenroom API")
				.version("v1")
				.description("Creator operations for live-streaming platforms. Authenticate with 'Authorization: Bearer <token>'. "
						+ "Errors are RFC 9457 problem details; lists are cursor-paginated (pass nextCursor back as cursor)."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("Greenroom API token")));
	}
}
