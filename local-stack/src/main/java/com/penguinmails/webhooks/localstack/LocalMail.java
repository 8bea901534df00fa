package com.penguinmails.webhooks.localstack;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: GreenMail's SMTP on loopback (a free port), which keeps every message it receives in
 * memory, so health e-mails can be read in the inspector ({@code GET /inspector/mail}) and by tests.
 */
public final class LocalMail implements AutoCloseable {

    /**
     * The running server, for the inspector. A JVM runs one local stack, but a test may start a second one for a while
     * (on a clock of its own, say): while it runs, its server is current, and when it stops the first one is again.
     */
    private static volatile LocalMail current;

    private final GreenMail greenMail;
    private final LocalMail previous;

    private LocalMail(GreenMail greenMail, LocalMail previous) {
        this.greenMail = greenMail;
        this.previous = previous;
    }

    static LocalMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        LocalMail mail = new LocalMail(server, current);
        current = mail;
        return mail;
    }

    static LocalMail current() {
        return current;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** One received e-mail. */
    public record Message(Instant receivedAt, List<String> to, String from, String subject, String body) {
    }

    /** Every e-mail received so far, oldest first. */
    public List<Message> messages() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(LocalMail::message).toList();
    }

    private static Message message(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return new Message(message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                    message.getFrom() == null || message.getFrom().length == 0 ? null : message.getFrom()[0].toString(),
                    message.getSubject(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
        if (current == this) {
            current = previous;
        }
    }
}
