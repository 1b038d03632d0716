package com.greenroom.system;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Gives every single resource the API reads (a JSON object answered to GET under /api/) a strong ETag: a
 * digest of its JSON form. {@link IfMatchInterceptor} compares If-Match with the same digest, and
 * If-None-Match answers 304. Lists get none ({@link PageOf}, {@link ListBody}, collections): they change with every row
 * and are better compressed (Tomcat does not compress a response with a strong ETag); a tagged body is also serialized
 * twice and digested (tasks12: ~21 KB of the task list per request until its page was a {@link ListBody}).
 */
@RestControllerAdvice
class EntityTags implements ResponseBodyAdvice<Object> {

	private final JsonMapper json;

	EntityTags(JsonMapper json) {
		this.json = json;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (!(request instanceof ServletServerHttpRequest servletRequest) || !(response instanceof ServletServerHttpResponse servletResponse)
				|| !applies(servletRequest.getServletRequest(), body, contentType) || servletResponse.getServletResponse().getStatus() != 200) {
			return body;
		}
		String tag = "\"" + DigestUtils.md5DigestAsHex(json.writeValueAsBytes(body)) + "\"";
		response.getHeaders().setETag(tag);
		String ifNoneMatch = servletRequest.getServletRequest().getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
			servletResponse.getServletResponse().setStatus(304);
			return null;
		}
		return body;
	}

	private static boolean applies(HttpServletRequest request, Object body, MediaType contentType) {
		return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && request.getRequestURI().startsWith("/api/")
				&& body != null && !(body instanceof ProblemDetail) && !(body instanceof Collection<?>) && !(body instanceof PageOf<?>)
				&& !(body instanceof ListBody)
				&& !body.getClass().isArray() && !(body instanceof CharSequence) && contentType != null
				&& (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
						|| contentType.getSubtype().endsWith("+json") && !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType));
	}

	/**
	 * Whether a list of entity tags (If-Match, If-None-Match) names this one; {@code W/} is ignored, as
	 * the tag describes the JSON whatever content coding carried it.
	 */
	static boolean matches(String header, String tag) {
		for (String candidate : header.split(",")) {
			String trimmed = candidate.trim();
			if (trimmed.equals("*") || opaque(trimmed).equals(opaque(tag))) {
				return true;
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}
}
