package dev.parley.connector;

import java.util.List;
import java.util.Objects;

/**
 * A message built from a template the platform approved beforehand: what a business number may send to someone whose
 * reply window is closed ({@link AccountConnector#replyWindow()}).
 *
 * @param name     the template's name
 * @param language its language code, as the platform spells it ({@code en_US}, {@code zh_CN})
 * @param params   the values of its body placeholders {@code {{1}}, {{2}}…}, in order
 */
public record TemplateMessage(String name, String language, List<String> params) {
    /** Rejects missing parts and copies the parameters. */
    public TemplateMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        params = List.copyOf(params);
    }
}
