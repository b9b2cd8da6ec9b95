package dev.recur.engine.onnx;

import dev.recur.engine.onnxruntime.OnnxPredictor;

import ai.onnx.proto.OnnxMl;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every network variant exported to ONNX and run by ONNX Runtime (CPU, through DJL) agrees with the Java
 * engine to 1e-5 on random inputs of several batch sizes and lengths.
 */
class NetworkOnnxParityTest {

    static List<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (int layers = 1; layers <= 2; layers++) {
                for (boolean bidir : new boolean[]{false, true}) {
                    for (OutputMode mode : OutputMode.values()) {
                        out.add(Arguments.of(cell, layers, bidir, mode));
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} {3}")
    @MethodSource("variants")
    void onnxRuntimeMatchesTheEngine(CellType cell, int layers, boolean bidir, OutputMode mode, @TempDir Path dir)
            throws Exception {
        NetworkSpec spec = NetworkSpec.builder().cell(cell).inputSize(3).hiddenSize(11).numLayers(layers)
                .bidirectional(bidir).outputSize(4).outputMode(mode).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 7L + layers);
        OnnxMl.ModelProto model = NetworkOnnx.export(net, Map.of());
        OnnxChecks.check(model);
        Path file = dir.resolve("net.onnx");
        OnnxExports.write(model, file);
        Random r = new Random(cell.ordinal() * 100 + layers * 10 + (bidir ? 1 : 0));
        double worst = 0;
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, w -> { })) {
            for (int batch : new int[]{1, 5, 64}) {
                for (int len : new int[]{1, 7, 30}) {
                    float[][] x = new float[batch][len * 3];
                    float[] flat = new float[batch * len * 3];
                    for (int b = 0; b < batch; b++) {
                        for (int k = 0; k < len * 3; k++) {
                            x[b][k] = (float) r.nextGaussian();
                            flat[b * len * 3 + k] = x[b][k];
                        }
                    }
                    float[][] expected = net.predict(x);
                    OnnxPredictor.Output o = p.run(flat, batch, len, 3).get("output");
                    int per = expected[0].length;
                    assertEquals((long) batch * per, o.values().length);
                    for (int b = 0; b < batch; b++) {
                        float[] got = java.util.Arrays.copyOfRange(o.values(), b * per, (b + 1) * per);
                        assertArrayEquals(expected[b], got, 1e-5f, "batch " + batch + " length " + len + " row " + b);
                        for (int k = 0; k < per; k++) {
                            worst = Math.max(worst, Math.abs(expected[b][k] - got[k]));
                        }
                    }
                }
            }
        }
        assertTrue(worst < 1e-5, "worst " + worst);
    }
}
