/**
 * ONNX export of Recur's networks, Tribuo models and forecasters with the standard {@code LSTM}, {@code GRU}
 * and {@code RNN} operators (opset 17, IR version 8), built with the ONNX protobuf classes of
 * {@code tribuo-util-onnx}: no native code. Running the exported graphs is {@code dev.recur.engine.onnxruntime}'s.
 *
 * <p>May depend on {@code nn}, {@code neural} (the forecasters it exports) and {@code io}; never on {@code tribuo} or {@code onnxruntime}.
 */
package dev.recur.engine.onnx;
