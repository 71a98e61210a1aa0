package io.vigil.load;

import io.vigil.stack.Endpoints;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;

/**
 * One mailbox of the stack's SMTP server, read over IMAP as a mail client would (the server accepts any
 * password): how many messages it holds, and the size of the newest as the server stored it.
 */
final class StackMailbox {

    /** What the mailbox holds: its message count and the newest message's size in bytes (0 if empty). */
    record Contents(int messages, int newestBytes) {
    }

    private final Endpoints infra;
    private final String address;

    StackMailbox(Endpoints infra, String address) {
        this.infra = infra;
        this.address = address;
    }

    String address() {
        return address;
    }

    /** The message count and the newest message's size. */
    Contents read() {
        return read(true);
    }

    /** The message count alone. */
    int count() {
        return read(false).messages();
    }

    private Contents read(boolean withNewest) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "120000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect(infra.smtpHost(), infra.imapPort(), address, "any-password");
            try {
                Folder inbox = store.getFolder("INBOX");
                if (!inbox.exists()) {
                    return new Contents(0, 0);
                }
                inbox.open(Folder.READ_ONLY);
                try {
                    int count = inbox.getMessageCount();
                    // Fetching a message of a mailbox of tens of thousands can outlast the read timeout: only
                    // when asked.
                    return new Contents(count, !withNewest || count == 0 ? 0 : inbox.getMessage(count).getSize());
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address + " over IMAP", e);
        }
    }
}
