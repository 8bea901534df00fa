package com.penguinmails.webhooks.management.mail;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.ManagementProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the queued e-mails through Spring Mail (SMTP, {@code spring.mail.*}) from {@code penguin.management.mail-from},
 * a few at a time, each up to {@value #MAX_ATTEMPTS} times. JavaMail blocks, so sending runs on the bounded-elastic
 * scheduler. Without a mail server configured, e-mails stay queued (and visible in {@code mail_outbox}).
 */
@Component
class QueuedMailSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueuedMailSender.class);
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 20;

    private final MailOutboxRepository outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;
    private volatile Disposable poller;

    QueuedMailSender(MailOutboxRepository outbox, ObjectProvider<JavaMailSender> mailSender, ManagementProperties properties) {
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.from = properties.mailFrom();
    }

    /** Sends what is queued; completes when the batch is done. */
    Mono<Void> drain(JavaMailSender sender) {
        return outbox.unsent(BATCH, MAX_ATTEMPTS)
                .concatMap(mail -> Mono.fromRunnable(() -> sender.send(message(mail)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(outbox.sent(mail.id()))
                        .onErrorResume(e -> {
                            log.warn("could not send e-mail {} to {} (attempt {}): {}", mail.id(), mail.recipient(), mail.attempts() + 1, e.toString());
                            return outbox.failed(mail.id(), String.valueOf(e.getMessage()));
                        }))
                .then();
    }

    private SimpleMailMessage message(MailOutboxRepository.Mail mail) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(mail.recipient());
        message.setSubject(mail.subject());
        message.setText(mail.body());
        return message;
    }

    @Override
    public void start() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("no mail server configured (spring.mail.host): health e-mails stay queued in mail_outbox");
            poller = Flux.never().subscribe();
            return;
        }
        poller = Flux.interval(Duration.ofSeconds(1))
                .onBackpressureDrop()
                .concatMap(tick -> drain(sender).onErrorResume(e -> {
                    log.warn("mail outbox poll failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = poller;
        if (running != null) {
            running.dispose();
        }
        poller = null;
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
