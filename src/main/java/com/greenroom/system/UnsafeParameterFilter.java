package com.greenroom.system;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a NUL character in any query or form parameter (name or value) or in the path with a 400
 * naming the parameter, before any module can pass it to PostgreSQL (whose text cannot hold it). JSON
 * bodies are checked by {@link SafeJsonInput}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UnsafeParameterFilter extends OncePerRequestFilter {

	private final JsonMapper json;

	UnsafeParameterFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String field = null;
		String uri = request.getRequestURI();
		if (uri.indexOf('\0') >= 0 || uri.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
			field = "path";
		}
		else if (request.getQueryString() != null || isForm(request)) {
			for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
				if (hasNul(parameter.getKey()) || java.util.Arrays.stream(parameter.getValue()).anyMatch(UnsafeParameterFilter::hasNul)) {
					field = parameter.getKey().replace('\0', '?');
					break;
				}
			}
		}
		if (field == null) {
			chain.doFilter(request, response);
			return;
		}
		var problem = Problems.invalidInput(List.of(new InvalidInputException.FieldError(field,
				"must not contain the NUL character (\\u0000)")));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), problem);
	}

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	private static boolean hasNul(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}
}
