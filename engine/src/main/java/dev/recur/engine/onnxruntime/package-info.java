/**
 * ONNX inference through DJL's ONNX Runtime engine on CPU or an NVIDIA GPU ({@link
 * dev.recur.engine.onnxruntime.OnnxPredictor}), and the inference benchmark. The only package that needs DJL and
 * ONNX Runtime's native libraries: the engine declares them {@code optional}, so a Maven user of the engine
 * gets them only by adding them (the command line does).
 *
 * <p>May depend on {@code nn}, {@code onnx} and {@code io}.
 */
package dev.recur.engine.onnxruntime;
