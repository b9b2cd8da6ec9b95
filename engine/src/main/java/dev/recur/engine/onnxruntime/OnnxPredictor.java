package dev.recur.engine.onnxruntime;

import dev.recur.engine.io.Shorten;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/**
 * Runs an ONNX model through DJL's ONNX Runtime engine, on the CPU or an NVIDIA GPU.
 *
 * <p>DJL does not fall back by itself: asking for a GPU without CUDA fails at load. So the device is
 * chosen here: {@link DeviceChoice#CPU}; {@link DeviceChoice#GPU}, which fails with a message naming what is
 * missing (a CUDA GPU, or the CUDA provider of the {@code onnxruntime_gpu} jar); and {@link DeviceChoice#AUTO},
 * the GPU when both are present, else the CPU with one warning line.
 *
 * <p>Safe to use from several threads: each call borrows one of a pool of DJL predictors over a single
 * loaded session.
 */
public final class OnnxPredictor implements AutoCloseable {

    /** Where inference runs. */
    public enum DeviceChoice {
        /** The CPU. */
        CPU,
        /** An NVIDIA GPU, or a clear error. */
        GPU,
        /** The GPU if one is usable, else the CPU with a warning. */
        AUTO;

        /** Parses {@code cpu}, {@code gpu} or {@code auto} in any case. */
        public static DeviceChoice parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown device " + Shorten.quoted(s) + ": expected cpu, gpu or auto");
            }
        }
    }

    /**
     * A named float32 output.
     *
     * @param values row-major values
     * @param shape  the output's shape
     */
    public record Output(float[] values, long[] shape) {
    }

    private final ZooModel<NDList, NDList> model;
    private final Device device;
    private final ConcurrentLinkedDeque<Predictor<NDList, NDList>> pool = new ConcurrentLinkedDeque<>();
    private final String inputName;

    private OnnxPredictor(ZooModel<NDList, NDList> model, Device device, String inputName) {
        this.model = model;
        this.device = device;
        this.inputName = inputName;
    }

    /**
     * Loads a model.
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (all cores)
     * @param warnings       receives the one-line warning when AUTO falls back to the CPU
     * @throws IOException              if the file is missing or is not a loadable ONNX model
     * @throws IllegalStateException    for GPU when no CUDA GPU or no CUDA provider is available
     */
    public static OnnxPredictor load(Path file, DeviceChoice choice, int intraOpThreads, Consumer<String> warnings)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such ONNX model file");
        }
        OnnxRuntimeStart.ensure();
        Device device = chooseDevice(choice, warnings);
        Criteria.Builder<NDList, NDList> b = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath()).optEngine("OnnxRuntime").optDevice(device)
                .optOption("interOpNumThreads", "1");
        if (intraOpThreads > 0) {
            b.optOption("intraOpNumThreads", Integer.toString(intraOpThreads));
        }
        try {
            ZooModel<NDList, NDList> m = b.build().loadModel();
            String input = "input";
            return new OnnxPredictor(m, device, input);
        } catch (ModelNotFoundException | MalformedModelException | ai.djl.engine.EngineException e) {
            throw new IOException(file + ": cannot be loaded as an ONNX model (" + e.getMessage() + ")", e);
        }
    }

    /** The device chosen for a request, following the rules of the class documentation. */
    static Device chooseDevice(DeviceChoice choice, Consumer<String> warnings) {
        if (choice == DeviceChoice.CPU) {
            return Device.cpu();
        }
        String missing = gpuMissing();
        if (missing == null) {
            return Device.gpu();
        }
        if (choice == DeviceChoice.GPU) {
            throw new IllegalStateException("GPU inference unavailable: " + missing);
        }
        warnings.accept("warning: running ONNX inference on the CPU: " + missing);
        return Device.cpu();
    }

    /**
     * Starts ONNX Runtime in this JVM, once, on a thread with an 8 MiB stack, as {@link #load} does before its first
     * model. For code that uses ONNX Runtime directly, such as Tribuo's {@code ONNXExternalModel} serving a model that
     * {@code exportONNXModel} wrote: ONNX Runtime's native start needs almost all of a thread's default 1 MiB stack, and
     * on a JVM's main thread with a long class path it overflows it, a segmentation fault with no message. Call this
     * first and ONNX Runtime is already started when that code asks for it.
     *
     * @throws RuntimeException what ONNX Runtime's start threw (no native library for this platform, for instance)
     */
    public static void startRuntime() {
        OnnxRuntimeStart.ensure();
    }

    /** What stops GPU inference here, or null when nothing does. */
    public static String gpuMissing() {
        boolean cudaProvider;
        try {
            OnnxRuntimeStart.ensure();
            cudaProvider = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        } catch (RuntimeException | LinkageError e) {
            cudaProvider = false;
        }
        if (!cudaProvider) {
            return "the ONNX Runtime on the classpath has no CUDA provider (build with -Pgpu for onnxruntime_gpu)";
        }
        int gpus;
        try {
            gpus = CudaUtils.getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            gpus = 0;
        }
        if (gpus == 0) {
            return "no NVIDIA GPU with a CUDA 12 driver was found";
        }
        return null;
    }

    /** The device inference runs on. */
    public Device device() {
        return device;
    }

    /**
     * Runs the model on one float32 input (named {@code input}) and returns every output by name.
     *
     * @throws IllegalArgumentException if the data does not fill the shape
     * @throws IllegalStateException    if ONNX Runtime refuses the input (wrong rank or size)
     */
    public Map<String, Output> run(float[] data, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(data.length + " values do not fill shape " + java.util.Arrays.toString(shape));
        }
        Predictor<NDList, NDList> p = pool.pollFirst();
        if (p == null) {
            p = model.newPredictor();
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray in = manager.create(data, new Shape(shape));
            in.setName(inputName);
            NDList out = p.predict(new NDList(in));
            Map<String, Output> result = new LinkedHashMap<>();
            for (NDArray a : out) {
                result.put(a.getName(), new Output(a.toFloatArray(), a.getShape().getShape()));
            }
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("ONNX Runtime refused the input of shape " + java.util.Arrays.toString(shape)
                    + ": " + e.getMessage(), e);
        } finally {
            pool.addFirst(p);
        }
    }

    /**
     * Predicts a batch of windows: {@code windows[b]} holds {@code window × channels} values, time-major.
     *
     * @return per window, the model's first output row
     */
    public float[][] predict(float[][] windows, int window, int channels) {
        float[] flat = new float[windows.length * window * channels];
        for (int b = 0; b < windows.length; b++) {
            System.arraycopy(windows[b], 0, flat, b * window * channels, window * channels);
        }
        Output o = run(flat, windows.length, window, channels).values().iterator().next();
        int per = o.values().length / windows.length;
        float[][] out = new float[windows.length][per];
        for (int b = 0; b < windows.length; b++) {
            System.arraycopy(o.values(), b * per, out[b], 0, per);
        }
        return out;
    }

    @Override
    public void close() {
        Predictor<NDList, NDList> p;
        while ((p = pool.pollFirst()) != null) {
            p.close();
        }
        model.close();
    }
}
