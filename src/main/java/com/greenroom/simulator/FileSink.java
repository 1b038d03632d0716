package com.greenroom.simulator;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes NDJSON: every line is counted as accepted, since a file has no opinion. */
final class FileSink implements EventSink {

	private final Writer writer;

	private final Tally tally = new Tally();

	FileSink(Writer writer) {
		this.writer = writer;
	}

	@Override
	public void send(List<String> lines) throws IOException {
		for (String line : lines) {
			writer.write(line);
			writer.write('\n');
		}
		writer.flush();
		tally.add(lines.size(), lines.size(), 0, List.of());
	}

	@Override
	public Tally tally() {
		return tally;
	}
}
