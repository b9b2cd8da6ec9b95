package dev.recur.engine.onnxruntime;


import ai.djl.Device;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnx.NetworkOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device rules of {@link OnnxPredictor}: with the default (CPU) ONNX Runtime jar, {@code gpu} fails
 * naming what is missing and {@code auto} falls back to the CPU with one warning line. Where a CUDA GPU and
 * the onnxruntime_gpu jar are both present ({@code mvn -Pgpu}), the same calls choose the GPU.
 */
class DeviceChoiceTest {

    @Test
    void gpuFailsClearlyAndAutoFallsBackWithOneWarning(@TempDir Path dir) throws IOException {
        String missing = OnnxPredictor.gpuMissing();
        RecurrentNetwork net = new RecurrentNetwork(NetworkSpec.builder().cell(CellType.GRU).inputSize(1)
                .hiddenSize(4).outputSize(2).build(), 1L);
        Path file = dir.resolve("n.onnx");
        OnnxExports.write(NetworkOnnx.export(net, Map.of()), file);
        List<String> warnings = new ArrayList<>();
        if (missing == null) {
            try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.AUTO, 0, warnings::add)) {
                assertEquals(Device.gpu(), p.device());
            }
            assertTrue(warnings.isEmpty());
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.GPU, 0, warnings::add));
        assertTrue(e.getMessage().startsWith("GPU inference unavailable: "), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA"), e.getMessage());
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.AUTO, 0, warnings::add)) {
            assertEquals(Device.cpu(), p.device());
            float[] out = p.run(new float[]{1f, 2f, 3f}, 1, 3, 1).get("output").values();
            float[] expected = net.predict(new float[][]{{1f, 2f, 3f}})[0];
            assertEquals(expected[0], out[0], 1e-5f);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("warning: running ONNX inference on the CPU: "), warnings.get(0));
    }

    @Test
    void aMissingOrCorruptModelFileIsAClearError(@TempDir Path dir) throws IOException {
        IOException e = assertThrows(IOException.class, () -> OnnxPredictor.load(dir.resolve("none.onnx"),
                OnnxPredictor.DeviceChoice.CPU, 0, w -> { }));
        assertTrue(e.getMessage().contains("no such ONNX model file"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        e = assertThrows(IOException.class, () -> OnnxPredictor.load(junk, OnnxPredictor.DeviceChoice.CPU, 0, w -> { }));
        assertTrue(e.getMessage().contains("cannot be loaded as an ONNX model"), e.getMessage());
        assertEquals(OnnxPredictor.DeviceChoice.AUTO, OnnxPredictor.DeviceChoice.parse(" Auto "));
        assertThrows(IllegalArgumentException.class, () -> OnnxPredictor.DeviceChoice.parse("tpu"));
    }

    @Test
    void onePredictorServesManyThreads(@TempDir Path dir) throws Exception {
        RecurrentNetwork net = new RecurrentNetwork(NetworkSpec.builder().cell(CellType.LSTM).inputSize(2)
                .hiddenSize(8).outputSize(3).build(), 4L);
        Path file = dir.resolve("n.onnx");
        OnnxExports.write(NetworkOnnx.export(net, Map.of()), file);
        java.util.Random r = new java.util.Random(2);
        float[][] inputs = new float[16][20];
        for (float[] x : inputs) {
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) r.nextGaussian();
            }
        }
        float[][] expected = net.predict(inputs);
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, w -> { })) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                List<java.util.concurrent.Future<float[][]>> results = new ArrayList<>();
                for (int k = 0; k < 60; k++) {
                    results.add(pool.submit(() -> p.predict(inputs, 10, 2)));
                }
                for (java.util.concurrent.Future<float[][]> f : results) {
                    float[][] got = f.get();
                    for (int b = 0; b < inputs.length; b++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(expected[b], got[b], 1e-5f);
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
