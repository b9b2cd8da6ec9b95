package dev.recur.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded mutator of valid files, for fuzz tests in plain JUnit. */
public final class Fuzz {

    private Fuzz() {
    }

    /** One to four random mutations of {@code seed}. */
    public static byte[] mutate(byte[] seed, SplittableRandom rng) {
        byte[] b = seed.clone();
        int n = 1 + rng.nextInt(4);
        for (int k = 0; k < n && b.length > 0; k++) {
            int at = rng.nextInt(b.length);
            switch (rng.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << rng.nextInt(8));
                case 1 -> b[at] = (byte) rng.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at);  // truncated
                case 3 -> {  // a run of 0xff: varints become huge (sizes near 2^31, lengths past the end)
                    int len = Math.min(5, b.length - at);
                    Arrays.fill(b, at, at + len, (byte) 0xff);
                    if (at + len < b.length) {
                        b[at + len - 1] = 0x07;
                    }
                }
                case 4 -> {  // bytes inserted
                    byte[] ins = new byte[1 + rng.nextInt(8)];
                    for (int i = 0; i < ins.length; i++) {
                        ins[i] = (byte) rng.nextInt(256);
                    }
                    byte[] c = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(ins, 0, c, at, ins.length);
                    System.arraycopy(b, at, c, at + ins.length, b.length - at);
                    b = c;
                }
                case 5 -> {  // bytes deleted
                    int len = Math.min(1 + rng.nextInt(16), b.length - at);
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                default -> {  // a block copied over another place
                    int from = rng.nextInt(b.length);
                    int len = Math.min(Math.min(1 + rng.nextInt(32), b.length - from), b.length - at);
                    System.arraycopy(b.clone(), from, b, at, len);
                }
            }
        }
        return b;
    }
}
