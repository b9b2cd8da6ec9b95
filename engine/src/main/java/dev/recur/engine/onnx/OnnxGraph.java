package dev.recur.engine.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A small builder of ONNX graphs over the ONNX protobuf classes bundled with Tribuo: float32 tensors,
 * int64 shape constants, nodes with attributes, and inputs and outputs with symbolic dimensions. Every name
 * it hands out is unique within the graph.
 */
public final class OnnxGraph {

    /** The operator set exported: ONNX Runtime's CUDA provider matches its RNN kernels up to opset 21. */
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    public static final int IR_VERSION = 8;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int counter;

    /** Starts a graph with a name. */
    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A fresh name with the given stem. */
    public String fresh(String stem) {
        return stem + "_" + (counter++);
    }

    private static OnnxMl.TypeProto floatType(Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
    }

    /** Declares a float32 graph input; a dimension is a number or a symbolic name such as {@code "batch"}. */
    public String input(String name, Object... dims) {
        graph.addInput(OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(floatType(dims)));
        return name;
    }

    /** Declares a float32 graph output produced under {@code name}. */
    public void output(String name, Object... dims) {
        graph.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(floatType(dims)));
    }

    /** A float32 initializer. */
    public String floats(String stem, long[] dims, float[] values) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(stem + ": " + values.length + " values for shape of " + n);
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        buf.flip();
        String name = fresh(stem);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(buf));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A scalar float32 initializer. */
    public String scalar(String stem, float value) {
        return floats(stem, new long[0], new float[]{value});
    }

    /** A 1-D int64 initializer (shapes, indices, axes). */
    public String longs(String stem, long... values) {
        String name = fresh(stem);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /**
     * Adds a node with a fresh single output.
     *
     * @param attrs attribute values: Integer/Long, Float, String, long[], float[] or String[]
     */
    public String op(String type, Map<String, Object> attrs, String... inputs) {
        String out = fresh(type.toLowerCase(java.util.Locale.ROOT));
        node(type, attrs, inputs, new String[]{out});
        return out;
    }

    /** Adds a node with no attributes and a fresh single output. */
    public String op(String type, String... inputs) {
        return op(type, Map.of(), inputs);
    }

    /** Adds a node with explicit output names ("" for an omitted optional input or output). */
    public void node(String type, Map<String, Object> attrs, String[] inputs, String[] outputs) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(type).setName(fresh("node_" + type));
        for (String i : inputs) {
            n.addInput(i);
        }
        for (String o : outputs) {
            n.addOutput(o);
        }
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(attrs).entrySet()) {
            n.addAttribute(attribute(e.getKey(), e.getValue()));
        }
        graph.addNode(n);
    }

    /** Names an existing value as a graph output value (an Identity node). */
    public void rename(String from, String to) {
        node("Identity", Map.of(), new String[]{from}, new String[]{to});
    }

    private static OnnxMl.AttributeProto attribute(String name, Object v) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (v instanceof Integer || v instanceof Long) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) v).floatValue());
        } else if (v instanceof String s) {
            a.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (v instanceof long[] ls) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (v instanceof float[] fs) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else if (v instanceof String[] ss) {
            a.setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
            for (String s : ss) {
                a.addStrings(ByteString.copyFromUtf8(s));
            }
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported value " + v);
        }
        return a.build();
    }

    /**
     * The finished model: opset {@link #OPSET}, IR version {@link #IR_VERSION}, with metadata properties.
     */
    public OnnxMl.ModelProto build(String producer, String producerVersion, String domain, long modelVersion,
                                   String doc, Map<String, String> metadata) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName(producer).setProducerVersion(producerVersion).setDomain(domain)
                .setModelVersion(modelVersion).setDocString(doc).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(metadata).entrySet()) {
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build();
    }
}
