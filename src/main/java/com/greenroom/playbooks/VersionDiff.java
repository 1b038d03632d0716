package com.greenroom.playbooks;

import java.util.List;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;

/**
 * A side-by-side diff of two versions' Markdown, line by line with the changed words marked, made with
 * java-diff-utils. Both sides are HTML-escaped by the generator before the {@code <del>}/{@code <ins>} marks
 * are added, so a row is safe to insert as HTML.
 */
public record VersionDiff(String key, String region, int from, int to, List<Row> rows) {

	/** One row: {@code tag} EQUAL, INSERT, DELETE or CHANGE; old and new line as safe HTML. */
	public record Row(String tag, String oldLine, String newLine) {
	}

	private static final DiffRowGenerator GENERATOR = DiffRowGenerator.create()
		.showInlineDiffs(true)
		.inlineDiffByWord(true)
		.mergeOriginalRevised(false)
		.oldTag(start -> start ? "<del>" : "</del>")
		.newTag(start -> start ? "<ins>" : "</ins>")
		.build();

	static VersionDiff of(String key, String region, PlaybookVersion from, PlaybookVersion to) {
		List<DiffRow> rows = GENERATOR.generateDiffRows(from.body().lines().toList(), to.body().lines().toList());
		return new VersionDiff(key, region, from.version(), to.version(),
				rows.stream().map(r -> new Row(r.getTag().name(), r.getOldLine(), r.getNewLine())).toList());
	}
}
