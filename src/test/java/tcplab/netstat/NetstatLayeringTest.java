package tcplab.netstat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** tcplab.netstat is a library: no JavaFX, no simulator, no command line, no UI inside. */
class NetstatLayeringTest {
    @Test
    void netstatDependsOnNeitherTheSimulatorNorTheCommandLineNorAnyUi() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("tcplab");
        noClasses().that().resideInAPackage("tcplab.netstat..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "tcplab.sim..", "tcplab.cli..", "tcplab.ui..")
                .check(classes);
    }
}
