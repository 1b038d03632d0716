package com.greenroom.system;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown written by users (routine guidance) rendered to HTML that is safe to show: raw HTML in the
 * source is escaped, and link targets other than http(s), mailto and relative paths are dropped.
 */
public final class SafeMarkdown {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		.urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
		.build();

	private SafeMarkdown() {
	}

	public static String html(String markdown) {
		return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown));
	}
}
