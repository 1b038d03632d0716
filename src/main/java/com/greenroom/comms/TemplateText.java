package com.greenroom.comms;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import com.greenroom.creators.Creator;
import com.greenroom.system.Checks;
import org.springframework.stereotype.Component;

/**
 * Subject and body text through JMustache, used logic-less: only {@code {{placeholder}}} variables (no
 * sections, partials or lambdas), every name checked against the placeholders the sources declare when a
 * template is saved. Messages are plain text (email as text/plain, in-app as the platform's text), so
 * values are inserted as they are and never HTML-escaped; the console shows previews escaped.
 */
@Component
class TemplateText {

	private static final Mustache.Compiler COMPILER = Mustache.compiler()
		.escapeHTML(false)
		.strictSections(true)
		.withLoader(name -> {
			throw new MustacheException("partials are not supported: " + name);
		});

	private final List<PlaceholderSource> sources;

	TemplateText(List<PlaceholderSource> sources) {
		this.sources = sources;
	}

	/** Every placeholder a template may use, by name, in the sources' order. */
	Map<String, Placeholder> known() {
		Map<String, Placeholder> known = new java.util.LinkedHashMap<>();
		sources.forEach(s -> s.placeholders().forEach(p -> known.put(p.name(), p)));
		return known;
	}

	/** Records against {@code field} anything that would not render: bad syntax, a section, an unknown name. */
	void check(String text, String field, Checks checks) {
		if (text == null) {
			return;
		}
		Template template;
		try {
			template = COMPILER.compile(text);
		}
		catch (MustacheException ex) {
			checks.require(false, field, "is not a valid template: " + ex.getMessage());
			return;
		}
		Set<String> unknown = new LinkedHashSet<>();
		Set<String> sections = new LinkedHashSet<>();
		Map<String, Placeholder> known = known();
		template.visit(new Mustache.Visitor() {

			@Override
			public void visitText(String text) {
			}

			@Override
			public void visitVariable(String name) {
				if (!known.containsKey(name)) {
					unknown.add(name);
				}
			}

			@Override
			public boolean visitInclude(String name) {
				sections.add(">" + name);
				return false;
			}

			@Override
			public boolean visitSection(String name) {
				sections.add("#" + name);
				return false;
			}

			@Override
			public boolean visitInvertedSection(String name) {
				sections.add("^" + name);
				return false;
			}
		});
		checks.require(unknown.isEmpty(), field, "uses unknown placeholders " + unknown.stream().map(n -> "{{" + n + "}}").toList()
				+ "; known: " + String.join(", ", known.keySet()));
		checks.require(sections.isEmpty(), field,
				"uses sections or partials " + sections.stream().map(n -> "{{" + n + "}}").toList() + ": only {{placeholder}} is supported");
	}

	/** The creator's value of every known placeholder, fallbacks filled in. */
	Map<String, String> values(Creator creator) {
		Map<String, String> values = new HashMap<>();
		known().values().forEach(p -> values.put(p.name(), p.fallback()));
		for (PlaceholderSource source : sources) {
			source.values(creator).forEach((name, value) -> {
				if (value != null && !value.isBlank()) {
					values.put(name, value);
				}
			});
		}
		return values;
	}

	/** Renders checked text with the values; dotted names resolve through nested maps. */
	static String render(String text, Map<String, String> values) {
		Map<String, Object> context = new HashMap<>();
		values.forEach((name, value) -> put(context, name.split("\\."), 0, value));
		return COMPILER.compile(text).execute(context);
	}

	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> map, String[] path, int i, String value) {
		if (i == path.length - 1) {
			map.put(path[i], value);
			return;
		}
		Object child = map.computeIfAbsent(path[i], k -> new HashMap<String, Object>());
		if (child instanceof Map<?, ?> nested) {
			put((Map<String, Object>) nested, path, i + 1, value);
		}
	}
}
