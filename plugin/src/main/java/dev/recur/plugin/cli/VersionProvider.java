package dev.recur.plugin.cli;

import picocli.CommandLine;

/** Reports Recur's version (from the jar manifest), the Java runtime and the kernels in use. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** Creates the provider. */
    public VersionProvider() {
    }

    @Override
    public String[] getVersion() {
        String v = RecurCli.class.getPackage().getImplementationVersion();
        return new String[]{
            "recur " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
            "kernels: " + dev.recur.engine.kernel.Kernels.get().name()
        };
    }
}
