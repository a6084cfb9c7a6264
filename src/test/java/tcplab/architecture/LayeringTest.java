package tcplab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of the README's architecture section, enforced on the compiled classes. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("tcplab");
    }

    @Test
    void onlyTheUiPackageImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("tcplab.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void theTcpEndpointDependsOnNothingButItselfAndTheJdk() {
        // RFC logic stays pure: no simulator, clock, thread or UI inside tcplab.tcp.
        noClasses().that().resideInAPackage("tcplab.tcp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.sim..", "tcplab.netstat..", "tcplab.lesson..", "tcplab.quiz..",
                        "tcplab.capture..", "tcplab.kernel..",
                        "tcplab.cli..", "tcplab.ui..", "java.time..", "java.util.concurrent..")
                .check(classes);
        noClasses().that().resideInAPackage("tcplab.tcp..")
                .should().dependOnClassesThat().belongToAnyOf(Thread.class, java.util.Random.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .check(classes);
    }

    @Test
    void theSimulatorDoesNotReachUpIntoViewsOrCommands() {
        noClasses().that().resideInAPackage("tcplab.sim..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.netstat..", "tcplab.lesson..", "tcplab.quiz..", "tcplab.cli..", "tcplab.ui..",
                        "tcplab.capture..", "tcplab.kernel..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void netstatReadsTheSimulatorButNothingAboveIt() {
        // tcp <- sim <- netstat <- lesson, quiz <- cli, ui: netstat turns socket tables into
        // lines and reads lines back; lessons, quizzes and views build on it, never the reverse.
        noClasses().that().resideInAPackage("tcplab.netstat..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.lesson..", "tcplab.quiz..", "tcplab.cli..", "tcplab.ui..")
                .check(classes);
    }

    @Test
    void onlyTheHostTableAdapterOfNetstatTouchesTheSimulator() {
        // The parser and explainer read text from any machine; only HostTable knows simulated hosts.
        noClasses().that().resideInAPackage("tcplab.netstat..")
                .and().doNotHaveSimpleName("HostTable")
                .should().dependOnClassesThat().resideInAPackage("tcplab.sim..")
                .check(classes);
    }

    @Test
    void capturesAndTheKernelCheckBuildOnTheSimulatorAndNothingAboveIt() {
        // A capture becomes the same Timeline as a simulation; the kernel check compares the
        // kernel with the simulator. Quizzes, lessons, commands and the window use them, never
        // the reverse.
        noClasses().that().resideInAnyPackage("tcplab.capture..", "tcplab.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.lesson..", "tcplab.quiz..", "tcplab.cli..", "tcplab.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("tcplab.netstat..")
                .should().dependOnClassesThat().resideInAnyPackage("tcplab.capture..", "tcplab.kernel..")
                .check(classes);
    }

    @Test
    void libraryPackagesDoNotDependOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("tcplab.cli..")
                .should().dependOnClassesThat().resideInAPackage("tcplab.cli..")
                .check(classes);
    }
    @Test
    void theWindowsSharedPiecesDependOnNoFeature() {
        // tcplab.ui is cut into features (run, netstat, lesson, quiz, classroom) over common pieces
        // (settings, palette, fonts, texts); the shell in tcplab.ui assembles them.
        noClasses().that().resideInAPackage("tcplab.ui.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.ui", "tcplab.ui.run..", "tcplab.ui.netstat..", "tcplab.ui.lesson..", "tcplab.ui.quiz..",
                        "tcplab.ui.classroom..")
                .check(classes);
    }

    @Test
    void theClassTabAndTheOtherFeaturesDoNotReachIntoEachOther() {
        // The Class tab gets the open lesson and "show me" from the shell (Panes), not from the
        // Lessons or Quiz tab's classes; and no other feature knows the Class tab.
        noClasses().that().resideInAPackage("tcplab.ui.classroom..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.ui.run..", "tcplab.ui.netstat..", "tcplab.ui.lesson..", "tcplab.ui.quiz..")
                .check(classes);
        noClasses().that().resideInAnyPackage("tcplab.ui.run..", "tcplab.ui.netstat..", "tcplab.ui.lesson..",
                        "tcplab.ui.quiz..")
                .should().dependOnClassesThat().resideInAPackage("tcplab.ui.classroom..")
                .check(classes);
    }

    @Test
    void theClassTabsViewModelNeedsNoScene() {
        // Tested without starting JavaFX, as the other view models: javafx.beans and collections only.
        noClasses().that().haveFullyQualifiedName("tcplab.ui.classroom.ClassViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.application..",
                        "javafx.stage..", "javafx.animation..")
                .check(classes);
    }

    @Test
    void theRunAndNetstatViewsStandOnTheirOwn() {
        // Lessons and quizzes drive the run and the netstat views, never the reverse, so a view
        // can be shown in the presenter, a screenshot or a test without the rest of the window.
        noClasses().that().resideInAnyPackage("tcplab.ui.run..", "tcplab.ui.netstat..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "tcplab.ui", "tcplab.ui.lesson..", "tcplab.ui.quiz..")
                .check(classes);
        noClasses().that().resideInAPackage("tcplab.ui.run..")
                .should().dependOnClassesThat().resideInAPackage("tcplab.ui.netstat..")
                .check(classes);
    }
}
