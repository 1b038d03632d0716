package com.greenroom.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Console flows in real headless Chromium (Debian's package, found on PATH), driven by Playwright.
 * One browser per test class, a fresh context (cookies, session) per test.
 */
@IntegrationTest
public abstract class BrowserTest {

	private static Playwright playwright;

	private static Browser browser;

	@Autowired
	protected Api api;

	@Autowired
	protected TestData data;

	protected BrowserContext context;

	protected Page page;

	@BeforeAll
	static void launchBrowser() {
		playwright = Playwright.create();
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setHeadless(true)
				.setExecutablePath(chromium())
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
						"--disable-sync", "--no-first-run")));
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	@BeforeEach
	void openPage() {
		data.reset();
		context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 860));
		page = context.newPage();
		page.setDefaultTimeout(10_000);
	}

	@AfterEach
	void closePage() {
		context.close();
	}

	protected String url(String path) {
		return api.baseUrl() + path;
	}

	protected void signIn(String username, String password) {
		page.navigate(url("/login"));
		page.getByLabel("Username").fill(username);
		page.getByLabel("Password").fill(password);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL(u -> !u.contains("/login"));
	}

	protected void screenshot(String name) {
		try {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Runs axe-core (src/test/resources/axe, from npm) over the page as it is now and fails on any
	 * serious or critical violation, naming the rule and the first offending elements.
	 */
	protected void assertAccessible(String what) {
		page.evaluate("() => { " + axeSource() + "\n}");
		String found = (String) page.evaluate("""
				async () => {
				  const result = await axe.run(document, { resultTypes: ['violations'] });
				  return result.violations
				    .filter(v => v.impact === 'serious' || v.impact === 'critical')
				    .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))
				    .join('\\n');
				}""");
		org.assertj.core.api.Assertions.assertThat(found).as("axe-core serious or critical violations on " + what).isEmpty();
	}

	private static String axe;

	private static synchronized String axeSource() {
		if (axe == null) {
			try (var in = BrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
				axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return axe;
	}

	private static Path chromium() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
			for (String name : List.of("chromium", "chromium-browser")) {
				Path candidate = Path.of(dir, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		throw new IllegalStateException("Chromium not found on PATH: install Debian's chromium package (.ci/run does)");
	}
}
