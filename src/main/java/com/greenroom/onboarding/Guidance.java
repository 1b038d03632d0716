package com.greenroom.onboarding;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders step guidance (Markdown) to HTML that is safe to show: raw HTML in the source is escaped and
 * link targets other than http(s), mailto and relative paths are dropped.
 */
final class Guidance {

	private static final Parser PARSER = Parser.builder().build();

	/** commonmark's default sanitizer also lets {@code data:} through; links here are http(s), mailto or relative. */
	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		.urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
		.build();

	private Guidance() {
	}

	static String html(String markdown) {
		return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown));
	}
}
