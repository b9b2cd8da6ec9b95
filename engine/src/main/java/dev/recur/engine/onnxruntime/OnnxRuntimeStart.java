package dev.recur.engine.onnxruntime;

import ai.djl.engine.Engine;

/**
 * Starts DJL's ONNX Runtime engine once per JVM, on a thread of its own with a stack of {@value #STACK_BYTES} bytes,
 * before anything else touches ONNX Runtime.
 *
 * <p>ONNX Runtime 1.29's native start (loading its libraries and creating its environment) needs almost all of a
 * Java thread's default stack of 1 MiB on Linux x86-64: on a JVM's main thread, whose stack the launcher's own
 * arguments share, a long class path (a Maven project's 4.5 kB one; the command line's, from a deep folder) is enough
 * for it to overflow, and the JVM dies with a segmentation fault and no message (measured: the engine's test class
 * path crashes at {@code -Xss1m} and runs at {@code -Xss1200k}). Once started, loading models and running them takes
 * no more stack than any other call, so only the start runs on the large stack. Afterwards ONNX Runtime's
 * extraction folder is removed at exit ({@link NativeLibraryFolder}).
 */
final class OnnxRuntimeStart {

    /** The stack of the thread that starts ONNX Runtime: a Linux process's usual main-thread stack. */
    static final long STACK_BYTES = 8L << 20;

    private static boolean started;

    private OnnxRuntimeStart() {
    }

    /**
     * Starts DJL's {@code OnnxRuntime} engine if this JVM has not yet, on a thread with a stack of {@value
     * #STACK_BYTES} bytes, and waits for it; what the start throws is thrown here. A start that failed is tried
     * again by the next call.
     */
    static synchronized void ensure() {
        if (started) {
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                Engine.getEngine("OnnxRuntime");
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "recur-onnxruntime-start", STACK_BYTES);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        NativeLibraryFolder.removeAtExit();
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("ONNX Runtime could not start: " + failure[0].getMessage(), failure[0]);
        }
        started = true;
    }
}
