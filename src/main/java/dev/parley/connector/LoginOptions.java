package dev.parley.connector;

/**
 * Where and how a login comes from. WeChat kicks accounts that log in far from the phone, so a same-province
 * region or proxy matters; WhatsApp can link a device by a pairing code typed on the phone instead of a QR scan.
 *
 * @param region province code the platform uses (e.g. {@code 320000}), or {@code null} for the default
 * @param proxy  proxy URL such as {@code socks5://user:pass@host:port}, or {@code null}
 * @param phone  the account's phone number in international digits, to log in by pairing code; {@code null} for a QR
 *               code
 */
public record LoginOptions(String region, String proxy, String phone) {
    /**
     * @param region province code, or {@code null}
     * @param proxy  proxy URL, or {@code null}
     */
    public LoginOptions(String region, String proxy) {
        this(region, proxy, null);
    }
}
