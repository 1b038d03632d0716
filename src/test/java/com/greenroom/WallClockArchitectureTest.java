package com.greenroom;

import static com.tngtech.archunit.lang.conditions.ArchConditions.accessTargetWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Time comes from the injected {@link Clock}: only the system module (the one clock bean) reads the wall
 * clock, so every deadline, SLA and cohort is testable at any instant and across DST changes.
 */
@AnalyzeClasses(packages = "com.greenroom", importOptions = ImportOption.DoNotIncludeTests.class)
class WallClockArchitectureTest {

	@ArchTest
	static final ArchRule onlyTheSystemModuleReadsTheWallClock = noClasses()
		.that().resideOutsideOfPackage("com.greenroom.system..")
		.should(accessTargetWhere(readsTheWallClock()))
		.because("time comes from the injected java.time.Clock (com.greenroom.system.WallClock outside Spring)");

	@Test
	void testsTakeTheTimeFromTheTestClockToo() {
		var tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("com.greenroom");
		// Load drivers and the multi-node test run real Greenroom processes, which keep the real time.
		noClasses().that().resideOutsideOfPackages("com.greenroom.bench..", "com.greenroom.deployment..")
			.and().doNotHaveFullyQualifiedName(ReadsTheWallClock.class.getName())
			.should(accessTargetWhere(readsTheWallClock()))
			.because("integration tests run at com.greenroom.support.TestClock's instant, unit tests at fixed instants")
			.check(tests);
	}

	@Test
	void theRuleCatchesEveryWayOfReadingTheWallClock() {
		var offenders = new ClassFileImporter().importClasses(ReadsTheWallClock.class);
		var result = onlyTheSystemModuleReadsTheWallClock.evaluate(offenders);
		assertThat(result.getFailureReport().getDetails()).hasSize(6);
		var readsTheInjectedClock = new ClassFileImporter().importClasses(ReadsTheInjectedClock.class);
		assertThat(onlyTheSystemModuleReadsTheWallClock.evaluate(readsTheInjectedClock).hasViolation()).isFalse();
	}

	/** A call or method reference whose target reads the system clock rather than a given Clock. */
	private static DescribedPredicate<JavaAccess<?>> readsTheWallClock() {
		return DescribedPredicate.describe("the wall clock (now() without a Clock, Clock.system*(), "
				+ "System.currentTimeMillis(), new Date(), Calendar.getInstance())", access -> {
					if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
						return false;
					}
					JavaClass owner = target.getOwner();
					String name = target.getName();
					List<String> parameters = target.getRawParameterTypes().stream().map(JavaClass::getName).toList();
					return switch (owner.getName()) {
						case "java.lang.System" -> name.equals("currentTimeMillis");
						case "java.time.Clock" -> name.startsWith("system");
						case "java.time.InstantSource" -> name.equals("system");
						case "java.util.Date", "java.util.GregorianCalendar", "java.sql.Timestamp" ->
							name.equals(JavaConstructor.CONSTRUCTOR_NAME) && parameters.isEmpty();
						case "java.util.Calendar" -> name.equals("getInstance");
						default -> owner.getPackageName().equals("java.time") && name.equals("now")
								&& !parameters.contains(Clock.class.getName());
					};
				});
	}

	@SuppressWarnings("JavaUtilDate")
	static class ReadsTheWallClock {

		List<Object> offend() {
			Supplier<Instant> reference = Instant::now;
			return List.of(Instant.now(), LocalDate.now(ZoneId.of("Europe/Berlin")), System.currentTimeMillis(), Clock.systemUTC(),
					new java.util.Date(), reference);
		}
	}

	static class ReadsTheInjectedClock {

		List<Object> comply(Clock clock) {
			return List.of(Instant.now(clock), LocalDate.now(clock), clock.instant(), System.nanoTime());
		}
	}
}
