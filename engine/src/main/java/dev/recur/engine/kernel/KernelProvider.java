package dev.recur.engine.kernel;

import java.lang.reflect.Constructor;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Chooses the {@link Kernels} implementation once per JVM: the vector kernels when the
 * {@code jdk.incubator.vector} module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}), the plain-Java kernels otherwise. The system property
 * {@value Kernels#PROPERTY} ({@code scalar} or {@code vector}) overrides the choice.
 */
final class KernelProvider {

    private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());

    static final Kernels INSTANCE = choose();

    private KernelProvider() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Kernels choose() {
        String forced = System.getProperty(Kernels.PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("scalar")) {
            return new ScalarKernels();
        }
        if (!vectorModulePresent()) {
            if (forced.equals("vector")) {
                throw new IllegalStateException("-D" + Kernels.PROPERTY
                        + "=vector needs the JVM option --add-modules jdk.incubator.vector");
            }
            LOG.fine("jdk.incubator.vector is not enabled; using the plain-Java kernels");
            return new ScalarKernels();
        }
        Kernels vector = loadVector();
        return vector != null ? vector : new ScalarKernels();
    }

    /** Loads {@code VectorKernels} reflectively so that this class links without the incubator module. */
    static Kernels loadVector() {
        try {
            Class<?> c = Class.forName("dev.recur.engine.kernel.VectorKernels");
            Constructor<?> ctor = c.getDeclaredConstructor();
            return (Kernels) ctor.newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning("vector kernels unavailable (" + e + "); using the plain-Java kernels");
            return null;
        }
    }
}
