package io.vigil.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.stack.Endpoints;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One mailbox of the stack's SMTP server, read over IMAP as a mail client would (the server accepts any
 * password): how many messages it holds, and the size of the newest as the server stored it. Its messages
 * themselves are read from the server's export, which stays quick at a hundred thousand messages where the
 * server's IMAP fetches do not.
 */
final class StackMailbox {

    /** What the mailbox holds: its message count and the newest message's size in bytes (0 if empty). */
    record Contents(int messages, int newestBytes) {
    }

    /**
     * One stored message: its position (IMAP sequence number), its Message-ID without the angle brackets
     * and host part (empty if it has none), and its readable text.
     */
    record Stored(int position, String messageId, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Every message from position {@code first} on, in order, from the mail server's export. */
    List<Stored> storedFrom(int first) throws IOException, InterruptedException {
        URI uri = URI.create(infra.mailWebUrl() + "mailbox?address=" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                + "&from=" + first);
        HttpResponse<Stream<String>> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        List<Stored> stored = new ArrayList<>();
        try (Stream<String> lines = answer.body()) {
            if (answer.statusCode() != 200) {
                throw new IOException("The mail server's export of " + address + " answered " + answer.statusCode()
                        + ": " + lines.collect(Collectors.joining("\n")));
            }
            for (String line : (Iterable<String>) lines::iterator) {
                JsonNode message = JSON.readTree(line);
                stored.add(new Stored(message.path("position").asInt(),
                        message.path("messageId").asText().replaceAll("^<|@.*$", ""), message.path("text").asText()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int size = answer.headers().firstValue("Mailbox-Messages").map(Integer::parseInt).orElse(-1);
        if (size >= first && stored.size() != size - first + 1) {
            throw new IOException("The mail server's export of " + address + " was cut short: " + stored.size()
                    + " messages from " + first + " of " + size);
        }
        return stored;
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
