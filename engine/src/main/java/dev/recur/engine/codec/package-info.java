/**
 * Recur's own model-file messages (protobuf, in {@code codec.protos}: a network and a fitted forecaster) and
 * the network codec that reads them, checking every size before anything is allocated. Neutral ground: the
 * forecaster files ({@code neural}) and the Tribuo models ({@code tribuo}) both use it, and it uses neither.
 *
 * <p>May depend on {@code nn} and {@code io}.
 */
package dev.recur.engine.codec;
