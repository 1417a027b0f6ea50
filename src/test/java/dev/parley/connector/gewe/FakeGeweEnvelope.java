package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code {"ret","msg","data"}} envelopes {@link FakeGeweServer} answers with. Wordings documented in
 * {@code reference/gewe.md} §1.3 are used verbatim; where GeWe's wording is unknown the fake uses its
 * own short Chinese message (noted at each constant), which clients must sort as "permanent".
 */
final class FakeGeweEnvelope {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String OK = "操作成功";
    static final String TOKEN_MISSING = "header:X-GEWE-TOKEN 不可为空";
    static final String TOKEN_INVALID = "header:X-GEWE-TOKEN 不可用或已过期";
    static final String ALREADY_LOGGED_IN = "微信已登录，请勿重复登录。";
    static final String OFFLINE = "微信已离线";
    /** The fake's own wording: a body without a required field, or a field of the wrong JSON type. */
    static final String BAD_REQUEST = "参数错误";
    /** The fake's own wording: an appId this fake never issued. */
    static final String NO_SUCH_DEVICE = "设备不存在";

    private FakeGeweEnvelope() {
    }

    /** @return {@code {"ret":200,"msg":"操作成功"}}, the success without data */
    static ObjectNode ok() {
        return JSON.createObjectNode().put("ret", 200).put("msg", OK);
    }

    /**
     * @param data the data
     * @return a success carrying it
     */
    static ObjectNode ok(JsonNode data) {
        ObjectNode envelope = ok();
        envelope.set("data", data);
        return envelope;
    }

    /**
     * @param msg the message
     * @return {@code {"ret":500,"msg":msg}}
     */
    static ObjectNode error(String msg) {
        return JSON.createObjectNode().put("ret", 500).put("msg", msg);
    }

    /**
     * @param msg     the message
     * @param code    the nested {@code data.code}
     * @param dataMsg the nested {@code data.msg}
     * @return an error with a nested detail, as GeWe sends them
     */
    static ObjectNode error(String msg, String code, String dataMsg) {
        ObjectNode envelope = error(msg);
        envelope.putObject("data").put("code", code).put("msg", dataMsg);
        return envelope;
    }

    /**
     * @param path the API path
     * @return the answer of any account call while the account is offline (GC issue #111's shape)
     */
    static ObjectNode offline(String path) {
        String failed = path.equals("/contacts/fetchContactsList") ? "获取联系人列表失败" : "操作失败";
        return error(failed, "-1", OFFLINE);
    }

    /**
     * @param body a request body
     * @param name a field that must be a non-blank JSON string
     * @return its value
     * @throws Refusal answering {@link #BAD_REQUEST} when it is absent, blank or not a string
     */
    static String required(JsonNode body, String name) throws Refusal {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new Refusal(error(BAD_REQUEST, "-1", name));
        }
        return value.textValue();
    }

    /** An envelope that answers a call instead of its normal reply; endpoints throw it. */
    static final class Refusal extends Exception {
        private final transient ObjectNode envelope;

        Refusal(ObjectNode envelope) {
            super(envelope.toString(), null, false, false);
            this.envelope = envelope;
        }

        /** @return the envelope to answer */
        ObjectNode envelope() {
            return envelope;
        }
    }
}
