package com.greenroom.onboarding;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders step guidance (Markdown) to HTML that is safe to show: raw HTML in the source is escaped and
 * link targets other than http(s), mailto and relative paths are dropped.
 */
final class Guidance {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

	private Guidance() {
	}

	static String html(String markdown) {
		return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown));
	}
}
