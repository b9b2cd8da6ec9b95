package dev.recur.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a reference fixture written by {@code src/test/python/make_fixtures.py}. */
public final class Fixture {

    /** A tensor: shape and values in PyTorch's row-major layout. */
    public record Tensor(int[] shape, float[] values) {
    }

    private final String name;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private Fixture(String name) {
        this.name = name;
    }

    /** Loads {@code /fixtures/<file>} from the test class path. */
    public static Fixture load(String file) {
        Fixture f = new Fixture(file);
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    int eq = line.indexOf('=');
                    f.config.put(line.substring(1, eq), line.substring(eq + 1));
                    continue;
                }
                String[] parts = line.trim().split(" ");
                String[] dims = parts[1].split(",");
                int[] shape = new int[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Integer.parseInt(dims[i]);
                }
                float[] v = new float[parts.length - 2];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.parseFloat(parts[i + 2]);
                }
                f.tensors.put(parts[0], new Tensor(shape, v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** The fixture's file name. */
    public String name() {
        return name;
    }

    /** A configuration value. */
    public String config(String key) {
        String v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no " + key);
        }
        return v;
    }

    /** An integer configuration value. */
    public int configInt(String key) {
        return Integer.parseInt(config(key));
    }

    /** A tensor by name. */
    public Tensor tensor(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException(name + " has no tensor " + key);
        }
        return t;
    }

    /** All tensor names. */
    public Iterable<String> names() {
        return tensors.keySet();
    }

    @Override
    public String toString() {
        return name;
    }
}
