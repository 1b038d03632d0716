package com.greenroom.onboarding;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

	/**
	 * Rendered guidance by its Markdown: every new creator's checklist reads its template's steps (twice, before
	 * stop 24), and parsing and rendering them was a quarter of the task executor's CPU in the steady feed
	 * (docs/benchmarks.md, stop 24). Keyed by the text itself, so an edited draft is never shown stale; bounded by
	 * characters held (a template has tens of steps of at most 20,000 characters).
	 */
	private static final Cache<String, String> RENDERED = Caffeine.newBuilder()
		.maximumWeight(2_000_000)
		.weigher((String markdown, String html) -> markdown.length() + html.length())
		.build();

	private Guidance() {
	}

	static String html(String markdown) {
		return markdown == null || markdown.isBlank() ? "" : RENDERED.get(markdown, text -> RENDERER.render(PARSER.parse(text)));
	}
}
