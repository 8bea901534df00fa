package com.penguinmails.webhooks.runtime;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Turns a joined request or response body into bytes and releases the buffer, whatever happens. */
public final class DataBufferBytes {

    private DataBufferBytes() {
    }

    public static byte[] consume(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
