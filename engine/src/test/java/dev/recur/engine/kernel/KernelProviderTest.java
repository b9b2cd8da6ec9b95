package dev.recur.engine.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run-time choice of kernels. Surefire runs this class twice: once on a JVM with
 * {@code --add-modules jdk.incubator.vector}, once on a JVM without it (the {@code scalar-fallback}
 * execution in the engine's pom).
 */
class KernelProviderTest {

    @Test
    void choosesVectorKernelsExactlyWhenTheModuleIsPresent() {
        String forced = System.getProperty(Kernels.PROPERTY, "");
        String name = Kernels.get().name();
        if (forced.equals("scalar") || !KernelProvider.vectorModulePresent()) {
            assertEquals("scalar", name);
        } else {
            assertTrue(name.startsWith("vector-"), name);
        }
    }
}
