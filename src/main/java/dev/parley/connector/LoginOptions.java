package dev.parley.connector;

/**
 * Where a login comes from. WeChat kicks accounts that log in far from the phone, so a same-province
 * region or proxy matters.
 *
 * @param region province code the platform uses (e.g. {@code 320000}), or {@code null} for the default
 * @param proxy  proxy URL such as {@code socks5://user:pass@host:port}, or {@code null}
 */
public record LoginOptions(String region, String proxy) {
}
