package dev.recur.engine.tribuo;

import dev.recur.engine.tribuo.protos.ScalingProto;

/** Converts the Tribuo models' affine scalings to and from their protobuf message, validating what it reads. */
final class ScalingCodec {

    private ScalingCodec() {
    }

    static ScalingProto toProto(AffineScaling s) {
        ScalingProto.Builder b = ScalingProto.newBuilder();
        for (int i = 0; i < s.size(); i++) {
            b.addShift(s.shift(i));
            b.addScale(s.scale(i));
        }
        return b.build();
    }

    static AffineScaling fromProto(ScalingProto p, int expectedSize, String what) {
        if (p.getShiftCount() != expectedSize || p.getScaleCount() != expectedSize) {
            throw new IllegalStateException("Invalid protobuf, " + what + " scaling has " + p.getShiftCount() + "/"
                    + p.getScaleCount() + " values, expected " + expectedSize);
        }
        float[] shift = new float[expectedSize];
        float[] scale = new float[expectedSize];
        for (int i = 0; i < expectedSize; i++) {
            shift[i] = p.getShift(i);
            scale[i] = p.getScale(i);
            if (!Float.isFinite(shift[i]) || !(scale[i] > 0f) || !Float.isFinite(scale[i])) {
                throw new IllegalStateException("Invalid protobuf, " + what + " scaling " + i + " is not usable: shift "
                        + shift[i] + ", scale " + scale[i]);
            }
        }
        return new AffineScaling(shift, scale);
    }
}
