package dev.parley.account;

import java.util.Locale;

/** The messaging platforms whose accounts Parley runs. */
public enum Platform {
    /** Personal WeChat accounts, driven through the GeWe API. */
    WECHAT,
    /** WhatsApp accounts. */
    WHATSAPP;

    /** @return the lower-case code stored in the database and used in metric labels */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a value of {@link #code()}
     * @return the platform
     */
    public static Platform fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
