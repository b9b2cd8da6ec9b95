package dev.recur.engine.io;

import java.util.zip.CRC32C;

/**
 * The checksum of Recur's model files: a CRC32C of the message's bytes, appended as the protobuf field
 * {@value #FIELD} ({@code optional fixed32 checksum}) so that the sealed bytes are still one valid message
 * (readers that predate the field skip it). A reader parses the message, and when it has the field calls
 * {@link #verify}; a message without it was written before checksums existed and is accepted as it is.
 */
public final class Checksums {

    /** The protobuf field number of the checksum, the same in every sealed message. */
    public static final int FIELD = 999;

    /** The field's tag, {@code (999 << 3) | 5} (fixed32) as a varint. */
    private static final byte[] TAG = {(byte) 0xBD, (byte) 0x3E};

    /** Bytes the sealed form adds: the tag and four checksum bytes. */
    public static final int TRAILER = TAG.length + 4;

    /** A checksum that does not match: the bytes were changed after they were written. */
    public static final class MismatchException extends Exception {
        private static final long serialVersionUID = 1L;

        MismatchException(String message) {
            super(message);
        }
    }

    private Checksums() {
    }

    /** The message bytes followed by their checksum field. */
    public static byte[] seal(byte[] message) {
        byte[] out = java.util.Arrays.copyOf(message, message.length + TRAILER);
        int crc = (int) crc(message, message.length);
        out[message.length] = TAG[0];
        out[message.length + 1] = TAG[1];
        for (int i = 0; i < 4; i++) {
            out[message.length + 2 + i] = (byte) (crc >>> (8 * i));  // fixed32 is little-endian
        }
        return out;
    }

    /**
     * Checks the bytes of a message that has the checksum field.
     *
     * @throws MismatchException if they do not end with the checksum of the bytes before it
     */
    public static void verify(byte[] sealed) throws MismatchException {
        int n = sealed.length - TRAILER;
        if (n < 0 || sealed[n] != TAG[0] || sealed[n + 1] != TAG[1]) {
            throw new MismatchException("the checksum is not at the end of the message: the bytes were changed or "
                    + "appended to after they were written");
        }
        long stored = 0;
        for (int i = 0; i < 4; i++) {
            stored |= (sealed[n + 2 + i] & 0xffL) << (8 * i);
        }
        long actual = crc(sealed, n);
        if (stored != actual) {
            throw new MismatchException(String.format("checksum mismatch (stored %08x, computed %08x): the file was "
                    + "changed or damaged after it was written", stored, actual));
        }
    }

    private static long crc(byte[] b, int len) {
        CRC32C c = new CRC32C();
        c.update(b, 0, len);
        return c.getValue();
    }
}
