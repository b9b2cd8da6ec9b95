package dev.recur.engine.onnx;

import ai.onnx.proto.OnnxMl;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Structural checks of an exported model, the ones ONNX's checker makes that matter here: IR version and
 * opset, a topologically sorted graph whose every input is defined, unique value names, float32 inputs and
 * outputs, and none of the RNN attributes that move a node off ONNX Runtime's CUDA kernels.
 */
final class OnnxChecks {

    private OnnxChecks() {
    }

    static void check(OnnxMl.ModelProto m) {
        assertEquals(8, m.getIrVersion());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals(17, m.getOpsetImport(0).getVersion());
        assertEquals("", m.getOpsetImport(0).getDomain());
        OnnxMl.GraphProto g = m.getGraph();
        Set<String> defined = new HashSet<>();
        for (OnnxMl.ValueInfoProto v : g.getInputList()) {
            assertTrue(defined.add(v.getName()), "duplicate input " + v.getName());
            assertEquals(OnnxMl.TensorProto.DataType.FLOAT.getNumber(), v.getType().getTensorType().getElemType());
        }
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            assertTrue(defined.add(t.getName()), "duplicate initializer " + t.getName());
        }
        Set<String> nodeNames = new HashSet<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            assertTrue(nodeNames.add(n.getName()), "duplicate node name " + n.getName());
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    fail("node " + n.getName() + " reads " + in + " before it is defined");
                }
            }
            for (String out : n.getOutputList()) {
                if (!out.isEmpty()) {
                    assertTrue(defined.add(out), "value " + out + " is defined twice");
                }
            }
            if (Set.of("LSTM", "GRU", "RNN").contains(n.getOpType())) {
                for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                    assertTrue(Set.of("hidden_size", "direction", "linear_before_reset", "activations").contains(a.getName()),
                            "attribute " + a.getName() + " moves the node to the CPU");
                    if (a.getName().equals("layout")) {
                        fail("layout must be 0");
                    }
                }
                assertTrue(n.getInputCount() <= 4, "no sequence_lens, initial state or peepholes");
            }
        }
        for (OnnxMl.ValueInfoProto v : g.getOutputList()) {
            assertTrue(defined.contains(v.getName()), "output " + v.getName() + " is never produced");
            assertEquals(OnnxMl.TensorProto.DataType.FLOAT.getNumber(), v.getType().getTensorType().getElemType());
        }
    }
}
