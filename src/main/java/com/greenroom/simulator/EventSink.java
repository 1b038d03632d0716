package com.greenroom.simulator;

import java.io.IOException;
import java.util.List;

/** Where a feed sends its NDJSON lines: a file, or a Greenroom over HTTP. */
interface EventSink {

	void send(List<String> lines) throws IOException, InterruptedException;

	/** What the receiver made of everything sent so far. */
	Tally tally();
}
