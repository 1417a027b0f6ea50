package dev.parley.account;

import java.util.Arrays;

/** The messaging platforms whose accounts Parley runs. */
public enum Platform {
    /** Personal WeChat accounts, driven through the GeWe API. */
    WECHAT("wechat"),
    /** WhatsApp accounts linked as a device of the phone (WhatsApp Web). */
    WHATSAPP("whatsapp"),
    /** WhatsApp Business numbers on Meta's official Cloud API: a token instead of a linked phone, no bans for automation. */
    WHATSAPP_CLOUD("whatsapp-cloud");

    private final String code;

    Platform(String code) {
        this.code = code;
    }

    /** @return the lower-case code stored in the database, typed in commands and used in metric labels */
    public String code() {
        return code;
    }

    /**
     * @param code a value of {@link #code()}
     * @return the platform
     * @throws IllegalArgumentException when no platform has that code
     */
    public static Platform fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no platform " + code));
    }
}
