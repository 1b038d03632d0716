package com.greenroom.playbooks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a playbook body (Markdown) to HTML that is safe to show: raw HTML is escaped, links other than
 * http(s), mailto and relative ones are dropped, and every heading gets an anchor id that the table of
 * contents links to. Headings render one level lower (# becomes h2): the page around them has the h1.
 */
final class GuidanceMarkdown {

	private static final Parser PARSER = Parser.builder().build();

	private GuidanceMarkdown() {
	}

	record Rendered(String html, List<PlaybookVersion.Heading> toc) {
	}

	static Rendered render(String markdown) {
		if (markdown == null || markdown.isBlank()) {
			return new Rendered("", List.of());
		}
		Node document = PARSER.parse(markdown);
		Map<Node, String> anchors = new IdentityHashMap<>();
		List<PlaybookVersion.Heading> toc = new ArrayList<>();
		Set<String> used = new HashSet<>();
		document.accept(new AbstractVisitor() {

			@Override
			public void visit(Heading heading) {
				String text = textOf(heading).strip();
				String anchor = uniqueSlug(text, used);
				anchors.put(heading, anchor);
				toc.add(new PlaybookVersion.Heading(heading.getLevel(), text, anchor));
				// the page has its own h1: the document's headings sit one level below it
				heading.setLevel(Math.min(6, heading.getLevel() + 1));
			}
		});
		HtmlRenderer renderer = HtmlRenderer.builder()
			.escapeHtml(true)
			.sanitizeUrls(true)
			.urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
			.attributeProviderFactory(context -> (node, tagName, attributes) -> {
				String anchor = anchors.get(node);
				if (anchor != null) {
					attributes.put("id", anchor);
				}
			})
			.build();
		return new Rendered(renderer.render(document), List.copyOf(toc));
	}

	private static String textOf(Node node) {
		StringBuilder text = new StringBuilder();
		node.accept(new AbstractVisitor() {

			@Override
			public void visit(Text t) {
				text.append(t.getLiteral());
			}

			@Override
			public void visit(Code code) {
				text.append(code.getLiteral());
			}
		});
		return text.toString();
	}

	/** "Escalation map (P1–P3)" becomes "escalation-map-p1-p3"; repeats get -2, -3... */
	static String uniqueSlug(String text, Set<String> used) {
		String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
		if (slug.isEmpty()) {
			slug = "section";
		}
		slug = "h-" + slug;
		String candidate = slug;
		for (int i = 2; !used.add(candidate); i++) {
			candidate = slug + "-" + i;
		}
		return candidate;
	}
}
