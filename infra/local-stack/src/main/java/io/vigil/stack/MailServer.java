package io.vigil.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP and IMAP server in this JVM, plus a page listing what was delivered so a person running
 * the stack can see the e-mails Vigil sent. Authentication is off: any user name and password open
 * the mailbox of that address over IMAP.
 */
final class MailServer implements Component {

    /** One delivered message; a message to several recipients is listed once. */
    record Delivered(Instant receivedAt, String from, List<String> to, String subject, String body) {
    }

    private final int smtpPort;
    private final int imapPort;
    private final int webPort;
    /** The newest messages the page lists; older ones leave the page (IMAP still serves every one). */
    static final int LISTED = 500;
    /**
     * Messages read for the page in one look (every half second), at most: a burst beyond that (a load
     * test) is counted and not read, so the page never takes a core from what is being measured.
     */
    static final int READ_PER_LOOK = 50;

    private final List<Delivered> delivered = new ArrayList<>();
    private long notListed;
    private final Set<String> seen = new HashSet<>();
    /**
     * The stored messages already looked at, by identity: GreenMail answers every message it holds at
     * each look, and reading each one's Message-ID again every half second grows with the mailbox.
     */
    private final Set<MimeMessage> lookedAt = Collections.newSetFromMap(new IdentityHashMap<>());
    private GreenMail greenMail;
    private HttpServer web;
    private ScheduledExecutorService watcher;

    MailServer(int smtpPort, int imapPort, int webPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.webPort = webPort;
    }

    @Override
    public String name() {
        return "SMTP";
    }

    String webUrl() {
        return "http://" + Ports.HOST + ":" + webPort + "/";
    }

    @Override
    public void start() throws IOException {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, Ports.HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, Ports.HOST, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();

        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::collectNew, 500, 500, TimeUnit.MILLISECONDS);

        web = HttpServer.create(new InetSocketAddress(Ports.HOST, webPort), 0);
        web.createContext("/messages", exchange -> respond(exchange, "application/json", json()));
        web.createContext("/mailbox", this::exportMailbox);
        web.createContext("/", exchange -> respond(exchange, "text/html; charset=utf-8", html()));
        web.start();
    }

    private void collectNew() {
        try {
            List<MimeMessage> fresh = new ArrayList<>();
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (lookedAt.add(message)) {
                    fresh.add(message);
                }
            }
            int skipped = Math.max(0, fresh.size() - READ_PER_LOOK);
            if (skipped > 0) {
                synchronized (this) {
                    notListed += skipped;
                }
                System.out.println("[mail] " + skipped + " more message(s) in the last half second, not listed"
                        + " (read them over IMAP)");
            }
            for (MimeMessage message : fresh.subList(skipped, fresh.size())) {
                String id = message.getMessageID();
                String key = id != null ? id : Integer.toHexString(System.identityHashCode(message));
                Delivered entry;
                synchronized (this) {
                    if (!seen.add(key)) {
                        continue;
                    }
                    entry = new Delivered(Instant.now(), addresses(message.getFrom()),
                            recipients(message), nullToEmpty(message.getSubject()), text(message));
                    delivered.add(entry);
                    if (delivered.size() > LISTED) {
                        delivered.remove(0);
                        notListed++;
                    }
                }
                System.out.println("[mail] to " + String.join(", ", entry.to()) + ": " + entry.subject());
            }
        } catch (RuntimeException | MessagingException | IOException e) {
            System.err.println("[mail] cannot read a delivered message: " + e);
        }
    }

    /**
     * Every message in one address's inbox from a position on, as the server stored them: one JSON object a
     * line ({@code position}, {@code messageId}, {@code subject}, {@code text}), the inbox's size in the
     * {@code Mailbox-Messages} header. Positions are IMAP message sequence numbers. It reads the store in this
     * JVM, so it stays quick for a mailbox of a hundred thousand messages, which IMAP fetches here do not.
     * {@code GET /mailbox?address=dsl@school.example&from=1}
     */
    private void exportMailbox(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String address = query.get("address");
        int from;
        try {
            from = Math.max(1, Integer.parseInt(query.getOrDefault("from", "1")));
        } catch (NumberFormatException e) {
            from = -1;
        }
        if (address == null || address.isBlank() || from < 1) {
            respond(exchange, 400, "text/plain; charset=utf-8", "Give ?address=<e-mail address>[&from=<position>]");
            return;
        }
        List<StoredMessage> stored;
        try {
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
            stored = user == null ? List.of()
                    : new ArrayList<>(greenMail.getManagers().getImapHostManager().getInbox(user).getMessages());
        } catch (FolderException e) {
            respond(exchange, 500, "text/plain; charset=utf-8", "Cannot open the inbox of " + address + ": " + e);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Mailbox-Messages", Integer.toString(stored.size()));
        exchange.sendResponseHeaders(200, 0);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8),
                1 << 16)) {
            for (int position = from; position <= stored.size(); position++) {
                MimeMessage message = stored.get(position - 1).getMimeMessage();
                String messageId;
                String subject;
                String text;
                try {
                    messageId = nullToEmpty(message.getMessageID());
                    subject = nullToEmpty(message.getSubject());
                    text = text(message);
                } catch (MessagingException e) {
                    // Listed all the same, so a reader counts it; what could not be read is said.
                    messageId = "";
                    subject = "";
                    text = "(unreadable: " + e.getMessage() + ")";
                }
                out.write("{\"position\":" + position + ",\"messageId\":" + jsonString(messageId) + ",\"subject\":"
                        + jsonString(subject) + ",\"text\":" + jsonString(text) + "}\n");
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        List<String> to = new ArrayList<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC,
                Message.RecipientType.BCC)) {
            Address[] addresses = message.getRecipients(type);
            if (addresses != null) {
                Arrays.stream(addresses).map(Address::toString).forEach(to::add);
            }
        }
        return to;
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        return String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
    }

    /** The readable text of a message: its plain-text part if there is one, else its HTML part. */
    static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain")) {
                    return String.valueOf(body.getContent());
                }
                String nested = text(body);
                if (html == null && !nested.isEmpty()) {
                    html = nested;
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }

    private synchronized List<Delivered> snapshot() {
        return List.copyOf(delivered);
    }

    private synchronized long notListed() {
        return notListed;
    }

    private String html() {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"5\"><title>Vigil local mail</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
                + "td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}"
                + "pre{white-space:pre-wrap;margin:0}</style></head><body>"
                + "<h1>Mail delivered to the local SMTP server</h1><p>");
        List<Delivered> messages = snapshot();
        long older = notListed();
        b.append(messages.size()).append(" message(s), newest first")
                .append(older > 0 ? " (" + older + " more not listed: a page lists the newest " + LISTED
                        + " and reads at most " + (2 * READ_PER_LOOK) + " a second)" : "")
                .append(". Also as <a href=\"/messages\">JSON</a>."
                + " Read any mailbox over IMAP on port ").append(imapPort)
                .append(" with the address as user name and any password, or export a whole mailbox as"
                + " <code>/mailbox?address=&lt;address&gt;</code> (a JSON object a line).</p>"
                + "<table><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th><th>Body</th></tr>");
        for (int i = messages.size() - 1; i >= 0; i--) {
            Delivered m = messages.get(i);
            b.append("<tr><td>").append(m.receivedAt())
                    .append("</td><td>").append(escapeHtml(m.from()))
                    .append("</td><td>").append(escapeHtml(String.join(", ", m.to())))
                    .append("</td><td>").append(escapeHtml(m.subject()))
                    .append("</td><td><pre>").append(escapeHtml(m.body())).append("</pre></td></tr>");
        }
        return b.append("</table></body></html>").toString();
    }

    private String json() {
        StringBuilder b = new StringBuilder("[");
        List<Delivered> messages = snapshot();
        for (int i = 0; i < messages.size(); i++) {
            Delivered m = messages.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"receivedAt\":").append(jsonString(m.receivedAt().toString()))
                    .append(",\"from\":").append(jsonString(m.from()))
                    .append(",\"to\":[");
            for (int j = 0; j < m.to().size(); j++) {
                b.append(j > 0 ? "," : "").append(jsonString(m.to().get(j)));
            }
            b.append("],\"subject\":").append(jsonString(m.subject()))
                    .append(",\"body\":").append(jsonString(m.body())).append('}');
        }
        return b.append(']').toString();
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        // Escaping markup characters too keeps the JSON safe to embed in a page.
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        respond(exchange, 200, contentType, body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (web != null) {
            web.stop(0);
            web = null;
        }
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        if (greenMail != null) {
            try {
                greenMail.stop();
            } catch (RuntimeException e) {
                System.err.println("GreenMail did not shut down cleanly: " + e);
            }
            greenMail = null;
        }
    }
}
