package io.vigil.load;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The ceiling notification's delivery is measured against: a plain SMTP client (Jakarta Mail, Angus)
 * sending messages of the size of Vigil's staff alert to the stack's SMTP server, one after another on one
 * connection kept open, as notification's mailer does (one sender thread, keep-alive): like Vert.x's
 * mail client reusing a pooled connection, each message starts with {@code RSET}, then {@code MAIL FROM},
 * {@code RCPT TO} and {@code DATA}, each waiting for its reply (the server offers no pipelining).
 */
final class SmtpBaseline implements AutoCloseable {

    /** A message to send again and again: what Vigil wrote to one person. */
    record Mail(String from, String to, String subject, String body) {
    }

    private final Session session;
    private final SMTPTransport transport;

    SmtpBaseline(String host, int port) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        session = Session.getInstance(props);
        transport = (SMTPTransport) session.getTransport("smtp");
        transport.connect();
    }

    /**
     * Sends {@code count} copies of {@code mail}, each its own message; answers the seconds from the first
     * command to the last reply.
     */
    double send(Mail mail, int count) throws MessagingException {
        InternetAddress[] to = InternetAddress.parse(mail.to());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (transport.simpleCommand("RSET") != 250) {
                throw new MessagingException("The SMTP server refused RSET: " + transport.getLastServerResponse());
            }
            transport.sendMessage(message(mail, to), to);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private MimeMessage message(Mail mail, InternetAddress[] to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(mail.from()));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.body(), StandardCharsets.UTF_8.name());
        message.saveChanges();
        // Like notification's, a Message-ID of its own for each message.
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@load.vigil>");
        return message;
    }

    @Override
    public void close() throws MessagingException {
        transport.close();
    }
}
