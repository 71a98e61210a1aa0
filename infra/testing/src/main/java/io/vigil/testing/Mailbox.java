package io.vigil.testing;

import io.vigil.stack.Endpoints;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.BodyTerm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads what the stack's SMTP server delivered, over IMAP like a mail client would. The server accepts any
 * password, so each address's mailbox is open to its own name.
 */
public final class Mailbox {

    /** A delivered message; {@code to} holds the To and Cc recipients. */
    public record ReceivedMail(String from, List<String> to, String subject, String body) {
    }

    private Mailbox() {
    }

    /** Every message in the mailbox of {@code address}, oldest first; empty if none arrived yet. */
    public static List<ReceivedMail> messagesFor(String address) {
        return read(address, null);
    }

    /**
     * The messages in the mailbox of {@code address} whose text holds {@code text} (an incident's id, say),
     * oldest first. The server searches (IMAP {@code SEARCH BODY}), so only those messages are fetched: a
     * mailbox that holds thousands of messages is read as quickly as one that holds a few.
     */
    public static List<ReceivedMail> messagesFor(String address, String text) {
        return read(address, text);
    }

    private static List<ReceivedMail> read(String address, String text) {
        Endpoints endpoints = VigilStack.endpoints();
        Properties props = new Properties();
        props.put("mail.imap.host", endpoints.smtpHost());
        props.put("mail.imap.port", Integer.toString(endpoints.imapPort()));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        Session session = Session.getInstance(props);
        try {
            Store store = session.getStore("imap");
            store.connect(endpoints.smtpHost(), endpoints.imapPort(), address, "any-password");
            try {
                Folder inbox = store.getFolder("INBOX");
                if (!inbox.exists()) {
                    return List.of();
                }
                inbox.open(Folder.READ_ONLY);
                try {
                    List<ReceivedMail> mails = new ArrayList<>();
                    Message[] messages = text == null ? inbox.getMessages() : inbox.search(new BodyTerm(text));
                    for (Message message : messages) {
                        String body = text(message);
                        // The server's match is the filter; this only keeps its answer honest.
                        if (text != null && !body.contains(text)) {
                            continue;
                        }
                        mails.add(new ReceivedMail(addresses(message.getFrom()).stream().findFirst().orElse(""),
                                recipients(message), message.getSubject() == null ? "" : message.getSubject(),
                                body));
                    }
                    return mails;
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address, e);
        }
    }

    /**
     * Waits until the mailbox of {@code address} holds a message {@code matching}, and returns it.
     * Throws {@link AssertionError} with what did arrive if none does within {@code timeout}.
     */
    public static ReceivedMail await(String address, Predicate<ReceivedMail> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ReceivedMail> last = List.of();
        while (true) {
            last = messagesFor(address);
            for (ReceivedMail mail : last) {
                if (matching.test(mail)) {
                    return mail;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No matching message for " + address + " within " + timeout.toSeconds()
                        + " s; the mailbox holds " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> recipients(Message message) throws MessagingException {
        List<String> to = new ArrayList<>(addresses(message.getRecipients(Message.RecipientType.TO)));
        to.addAll(addresses(message.getRecipients(Message.RecipientType.CC)));
        return to;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** The plain-text part if there is one, else the HTML part: what a reader would see. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String fallback = "";
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain")) {
                    return String.valueOf(body.getContent());
                }
                if (fallback.isEmpty()) {
                    fallback = text(body);
                }
            }
            return fallback;
        }
        return "";
    }
}
