package dev.parley.channel.dingtalk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the robot OpenAPI: a {@code msgKey} naming a built-in message template and its parameters, which
 * DingTalk wants as a JSON string ({@code msgParam}, at most 15,000 bytes;
 * open.dingtalk.com/document/orgapp/types-of-messages-sent-by-robots).
 *
 * @param msgKey the template ({@code sampleMarkdown}, {@code sampleImageMsg}, {@code sampleFile})
 * @param param  its parameters, all strings
 */
record RobotPayload(String msgKey, Map<String, String> param) {
    /** Largest {@code msgParam} DingTalk takes, in UTF-8 bytes. */
    static final int MAX_PARAM_BYTES = 15_000;

    /** Copies the parameters, keeping their order. */
    RobotPayload {
        param = Collections.unmodifiableMap(new LinkedHashMap<>(param));
    }

    /**
     * @param title shown in notifications and the chat list
     * @param text  the markdown body
     * @return a markdown message
     */
    static RobotPayload markdown(String title, String text) {
        return new RobotPayload("sampleMarkdown", ordered("title", title, "text", text));
    }

    /**
     * @param mediaId an uploaded image's {@code media_id} (a public URL works too)
     * @return an image message
     */
    static RobotPayload image(String mediaId) {
        return new RobotPayload("sampleImageMsg", ordered("photoURL", mediaId));
    }

    /**
     * @param mediaId  an uploaded file's {@code media_id}
     * @param fileName its name as shown
     * @param fileType its extension without the dot, e.g. {@code pdf}
     * @return a file message
     */
    static RobotPayload file(String mediaId, String fileName, String fileType) {
        return new RobotPayload("sampleFile", ordered("mediaId", mediaId, "fileName", fileName, "fileType", fileType));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
