package dev.parley.channel.feishu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame of Feishu's long connection: the protobuf message {@code pbbp2.Frame} of the SDK
 * ({@code com.lark.oapi.ws.pb.Pbbp2}), encoded and decoded by hand because the SDK's shaded protobuf runtime
 * is left out of the build. Field numbers and kinds as in the SDK's descriptor (proto2):
 * <pre>
 * Frame  { required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3;
 *          required int32 method = 4; repeated Header headers = 5; optional string payload_encoding = 6;
 *          optional string payload_type = 7; optional bytes payload = 8; optional string LogIDNew = 9; }
 * Header { required string key = 1; required string value = 2; }
 * </pre>
 * The optional fields are {@code null} when absent, so a frame read and written back keeps exactly the fields
 * it came with (the client answers a data frame with the same frame and a new payload).
 *
 * @param seqId           SeqID
 * @param logId           LogID
 * @param service         the service id from the connection URL
 * @param method          {@link #CONTROL} or {@link #DATA}
 * @param headers         the headers, in order
 * @param payloadEncoding payload_encoding, or {@code null}
 * @param payloadType     payload_type, or {@code null}
 * @param payload         the payload, or {@code null}
 * @param logIdNew        LogIDNew, or {@code null}
 */
record FeishuFrame(long seqId, long logId, int service, int method, List<Header> headers, String payloadEncoding,
                   String payloadType, byte[] payload, String logIdNew) {
    /** Method of ping and pong frames. */
    static final int CONTROL = 0;
    /** Method of event and card frames. */
    static final int DATA = 1;

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED64 = 1;
    private static final int FIXED32 = 5;

    /**
     * A frame header.
     *
     * @param key   its key, e.g. {@code type}
     * @param value its value
     */
    record Header(String key, String value) {
    }

    FeishuFrame {
        headers = List.copyOf(headers);
    }

    /**
     * @param service the service id from the connection URL
     * @return the ping the client sends every PingInterval
     */
    static FeishuFrame ping(int service) {
        return new FeishuFrame(0, 0, service, CONTROL, List.of(new Header("type", "ping")), null, null, null, null);
    }

    /**
     * @param key a header key
     * @return the first value under it, or {@code null}
     */
    String header(String key) {
        return headers.stream().filter(h -> h.key().equals(key)).map(Header::value).findFirst().orElse(null);
    }

    /**
     * @param newPayload the payload of the answer
     * @param extra      a header to add
     * @return this frame with another payload and one more header, as the client answers a data frame
     */
    FeishuFrame answer(byte[] newPayload, Header extra) {
        List<Header> more = new ArrayList<>(headers);
        more.add(extra);
        return new FeishuFrame(seqId, logId, service, method, more, payloadEncoding, payloadType, newPayload, logIdNew);
    }

    /** @return the frame in protobuf wire format */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varintField(out, 1, seqId);
        varintField(out, 2, logId);
        varintField(out, 3, service);
        varintField(out, 4, method);
        for (Header h : headers) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            bytesField(header, 1, h.key().getBytes(StandardCharsets.UTF_8));
            bytesField(header, 2, h.value().getBytes(StandardCharsets.UTF_8));
            bytesField(out, 5, header.toByteArray());
        }
        stringField(out, 6, payloadEncoding);
        stringField(out, 7, payloadType);
        if (payload != null) {
            bytesField(out, 8, payload);
        }
        stringField(out, 9, logIdNew);
        return out.toByteArray();
    }

    /**
     * @param bytes a frame in protobuf wire format
     * @return the frame; unknown fields are skipped
     * @throws IllegalArgumentException when the bytes are not a well-formed frame
     */
    static FeishuFrame parse(byte[] bytes) {
        Reader in = new Reader(bytes, 0, bytes.length);
        long seqId = 0;
        long logId = 0;
        int service = 0;
        int method = 0;
        List<Header> headers = new ArrayList<>();
        String payloadEncoding = null;
        String payloadType = null;
        byte[] payload = null;
        String logIdNew = null;
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> seqId = in.varintOf(wire);
                case 2 -> logId = in.varintOf(wire);
                case 3 -> service = (int) in.varintOf(wire);
                case 4 -> method = (int) in.varintOf(wire);
                case 5 -> headers.add(header(in.bytesOf(wire)));
                case 6 -> payloadEncoding = in.stringOf(wire);
                case 7 -> payloadType = in.stringOf(wire);
                case 8 -> payload = in.bytesOf(wire);
                case 9 -> logIdNew = in.stringOf(wire);
                default -> in.skip(wire);
            }
        }
        return new FeishuFrame(seqId, logId, service, method, headers, payloadEncoding, payloadType, payload, logIdNew);
    }

    private static Header header(byte[] bytes) {
        Reader in = new Reader(bytes, 0, bytes.length);
        String key = "";
        String value = "";
        while (in.more()) {
            long tag = in.varint();
            int wire = (int) (tag & 7);
            switch ((int) (tag >>> 3)) {
                case 1 -> key = in.stringOf(wire);
                case 2 -> value = in.stringOf(wire);
                default -> in.skip(wire);
            }
        }
        return new Header(key, value);
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3 | VARINT);
        varint(out, value);
    }

    private static void stringField(ByteArrayOutputStream out, int field, String value) {
        if (value != null) {
            bytesField(out, field, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
        varint(out, (long) field << 3 | LENGTH_DELIMITED);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads protobuf wire format, refusing anything that runs past the end. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int at;

        Reader(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.at = from;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        long varintOf(int wire) {
            expect(wire, VARINT);
            return varint();
        }

        byte[] bytesOf(int wire) {
            expect(wire, LENGTH_DELIMITED);
            long length = varint();
            if (length < 0 || length > end - at) {
                throw new IllegalArgumentException("field longer than the frame");
            }
            byte[] value = new byte[(int) length];
            System.arraycopy(bytes, at, value, 0, value.length);
            at += value.length;
            return value;
        }

        String stringOf(int wire) {
            return new String(bytesOf(wire), StandardCharsets.UTF_8);
        }

        void skip(int wire) {
            switch (wire) {
                case VARINT -> varint();
                case LENGTH_DELIMITED -> bytesOf(wire);
                case FIXED64 -> advance(8);
                case FIXED32 -> advance(4);
                default -> throw new IllegalArgumentException("unsupported wire type " + wire);
            }
        }

        private void advance(int n) {
            if (n > end - at) {
                throw new IllegalArgumentException("field longer than the frame");
            }
            at += n;
        }

        private static void expect(int wire, int expected) {
            if (wire != expected) {
                throw new IllegalArgumentException("wire type " + wire + " where " + expected + " belongs");
            }
        }
    }
}
