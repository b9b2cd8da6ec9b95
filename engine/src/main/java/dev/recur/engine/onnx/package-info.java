/**
 * ONNX export of Recur's networks, Tribuo models and forecasters with the standard {@code LSTM}, {@code GRU}
 * and {@code RNN} operators (opset 17, IR version 8), and ONNX inference through DJL's ONNX Runtime engine
 * on CPU or an NVIDIA GPU ({@link dev.recur.engine.onnx.OnnxPredictor}).
 */
package dev.recur.engine.onnx;
