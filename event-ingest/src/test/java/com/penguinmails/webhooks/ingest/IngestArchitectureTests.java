package com.penguinmails.webhooks.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** How event-ingest's packages may depend on each other. */
class IngestArchitectureTests {

    private static final JavaClasses INGEST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.penguinmails.webhooks.ingest");

    /** Each package is a slice of its own, the root ({@code IngestMetrics}, {@code IngestProperties}, ...) included. */
    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        slices().matching("com.penguinmails.webhooks.(**)").should().beFreeOfCycles().check(INGEST);
    }
}
