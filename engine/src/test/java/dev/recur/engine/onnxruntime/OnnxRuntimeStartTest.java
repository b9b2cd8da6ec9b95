package dev.recur.engine.onnxruntime;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.onnx.NetworkOnnx;
import dev.recur.engine.onnx.OnnxExports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OnnxRuntimeStart} and {@link NativeLibraryFolder}: a JVM with a long class path runs an ONNX model on its main
 * thread (ONNX Runtime's start overflowed that thread's stack: a segmentation fault, exit 139, no message), and leaves
 * nothing in its temporary folder (ONNX Runtime's own clean-up left its extraction folder behind, empty, once per JVM).
 */
class OnnxRuntimeStartTest {

    /**
     * Loads the ONNX model {@code args[0]} on the CPU, runs it once, prints ONNX Runtime's extraction folder and
     * whether it held files then, and exits: run in a child JVM by {@link #aJvmWithALongClassPathRunsAModelAndLeavesNoFolderBehind}.
     * With {@code environment} instead, starts ONNX Runtime and then asks it for its environment directly on the main
     * thread, as code that uses ONNX Runtime itself does ({@link #codeThatUsesOnnxRuntimeDirectlyRunsOnAMainThreadOnceItIsStarted}).
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("environment")) {  // ONNX Runtime used directly, as Tribuo's ONNXExternalModel does
            OnnxPredictor.startRuntime();
            ai.onnxruntime.OrtEnvironment.getEnvironment();
            System.out.println("started");
            return;
        }
        try (OnnxPredictor p = OnnxPredictor.load(Path.of(args[0]), OnnxPredictor.DeviceChoice.CPU, 1, w -> { })) {
            p.run(new float[]{1f, 2f, 3f}, 1, 3, 1);
        }
        Path folder = NativeLibraryFolder.folder();
        try (Stream<Path> files = Files.list(folder)) {
            System.out.println(folder + "\t" + files.count());
        }
    }

    @Test
    void aJvmWithALongClassPathRunsAModelAndLeavesNoFolderBehind(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("n.onnx");
        OnnxExports.write(NetworkOnnx.export(new RecurrentNetwork(NetworkSpec.builder().cell(CellType.GRU)
                .inputSize(1).hiddenSize(4).outputSize(2).build(), 1L), Map.of()), model);
        Path tmp = dir.resolve("tmp");
        Process p = child(dir, model.toString());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), "exit 139 is the segmentation fault of a start on the main thread: " + out);
        String[] line = out.lines().filter(l -> l.contains("\t")).reduce((a, b) -> b).orElse("").split("\t");
        assertEquals(2, line.length, out);
        Path folder = Path.of(line[0]);
        assertEquals(tmp, folder.getParent(), "ONNX Runtime extracted into the child's temporary folder");
        assertTrue(Integer.parseInt(line[1]) > 0, "its libraries were there while it ran: " + out);
        assertFalse(Files.exists(folder), folder + " is gone");
        assertEquals(List.of(), list(tmp), "nothing else left either");
    }

    @Test
    void codeThatUsesOnnxRuntimeDirectlyRunsOnAMainThreadOnceItIsStarted(@TempDir Path dir) throws Exception {
        Process p = child(dir, "environment");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), "exit 139 is the segmentation fault of a start on the main thread: " + out);
        assertTrue(out.contains("started"), out);
    }

    @Test
    void aFolderWithFilesIsRemovedWhole(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("onnxruntime-java1"));
        Files.writeString(folder.resolve("libonnxruntime.so"), "x");
        Files.writeString(folder.resolve("libonnxruntime4j_jni.so"), "y");
        NativeLibraryFolder.remove(folder);
        assertFalse(Files.exists(folder));
        NativeLibraryFolder.remove(folder);  // gone already: nothing to do, no error
        assertEquals(List.of(), list(dir));
    }

    /**
     * Runs {@link #main} with {@code arg} in a child JVM whose temporary folder is {@code dir/tmp} and whose class path
     * has 8 kB of entries that do not exist ahead of the real ones (an application's long class path), on a 1 MiB
     * stack.
     */
    private static Process child(Path dir, String arg) throws IOException {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        StringBuilder classPath = new StringBuilder();
        for (int i = 0; classPath.length() < 8192; i++) {
            classPath.append(dir.resolve("absent").resolve("a-folder-of-jars-" + i).resolve("library-" + i + ".jar"))
                    .append(File.pathSeparator);
        }
        classPath.append(System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Xss1m", "-cp", classPath.toString(),
                OnnxRuntimeStartTest.class.getName(), arg).redirectErrorStream(true).start();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
