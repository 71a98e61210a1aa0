package io.vigil.notification.template;

/**
 * A message ready to send.
 *
 * @param templateRef the wording used, e.g. {@code parent-filtering-breach.v3.pl}
 * @param language the language of the wording used
 * @param fellBack true when there was no wording in the language asked for and English was used
 * @param subject the e-mail subject, one line
 * @param body the e-mail body
 * @param sms the text message
 */
public record Rendered(String templateRef, String language, boolean fellBack, String subject, String body,
        String sms) {
}
