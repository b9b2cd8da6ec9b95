package dev.recur.plugin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture the package-info files describe, enforced on the compiled classes of the engine, the
 * connectors and the command line: no package imports a package that imports it back, and the layers point
 * one way (command line → connectors → engine; Tribuo and ONNX adapters → core; only the ONNX Runtime
 * package needs DJL).
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.recur");
        assertTrue(classes.size() > 150, classes.size() + " classes imported");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.recur.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineDependsOnNeitherConnectorsNorCommandLine() {
        noClasses().that().resideInAPackage("dev.recur.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.connectors..", "dev.recur.plugin..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.recur.connectors..")
                .should().dependOnClassesThat().resideInAPackage("dev.recur.plugin..").check(classes);
    }

    @Test
    void theCoreDependsOnNoAdapter() {
        noClasses().that().resideInAnyPackage("dev.recur.engine.nn..", "dev.recur.engine.train..",
                        "dev.recur.engine.data..", "dev.recur.engine.loss..", "dev.recur.engine.kernel..",
                        "dev.recur.engine.forecast..", "dev.recur.engine.neural..", "dev.recur.engine.intervals..",
                        "dev.recur.engine.series..", "dev.recur.engine.statistical..",
                        "dev.recur.engine.decomposition..", "dev.recur.engine.cleaning..", "dev.recur.engine.numeric..",
                        "dev.recur.engine.codec..", "dev.recur.engine.io..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.engine.tribuo..", "dev.recur.engine.onnx..",
                        "dev.recur.engine.onnxruntime..", "org.tribuo..", "ai.djl..", "ai.onnxruntime..")
                .check(classes);
    }

    /**
     * The series and the statistical methods below the networks: a user of ETS, Theta or ARIMA needs no network,
     * and the series' vocabulary uses no method.
     */
    @Test
    void theStatisticalMethodsUseNoNetworkAndTheSeriesNoMethod() {
        noClasses().that().resideInAnyPackage("dev.recur.engine.statistical..", "dev.recur.engine.decomposition..",
                        "dev.recur.engine.cleaning..", "dev.recur.engine.numeric..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.engine.forecast..",
                        "dev.recur.engine.neural..", "dev.recur.engine.intervals..", "dev.recur.engine.nn..",
                        "dev.recur.engine.train..", "dev.recur.engine.codec..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.recur.engine.series..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.engine.forecast..",
                        "dev.recur.engine.neural..", "dev.recur.engine.intervals..", "dev.recur.engine.statistical..",
                        "dev.recur.engine.decomposition..", "dev.recur.engine.cleaning..", "dev.recur.engine.numeric..",
                        "dev.recur.engine.nn..", "dev.recur.engine.train..")
                .check(classes);
    }

    /**
     * The networks and the intervals below the default's choice: the networks forecast without knowing the statistical
     * methods or the default, and the intervals calibrate whatever forecaster they are given.
     */
    @Test
    void theNetworksAndTheIntervalsKnowNoChoice() {
        noClasses().that().resideInAnyPackage("dev.recur.engine.neural..", "dev.recur.engine.intervals..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.engine.forecast..",
                        "dev.recur.engine.statistical..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.recur.engine.intervals..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.engine.neural..",
                        "dev.recur.engine.nn..", "dev.recur.engine.train..")
                .check(classes);
    }

    @Test
    void onlyTheOnnxRuntimePackageAndTheCommandLineUseDjl() {
        noClasses().that().resideOutsideOfPackages("dev.recur.engine.onnxruntime..", "dev.recur.plugin..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "ai.onnxruntime..").check(classes);
    }

    @Test
    void csvAndJdbcShareTheSeriesPackageNotEachOther() {
        noClasses().that().resideInAPackage("dev.recur.connectors.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("dev.recur.connectors.csv..").check(classes);
        noClasses().that().resideInAPackage("dev.recur.connectors.csv..")
                .should().dependOnClassesThat().resideInAPackage("dev.recur.connectors.jdbc..").check(classes);
    }
}
