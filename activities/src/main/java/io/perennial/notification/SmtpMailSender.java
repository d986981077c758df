package io.perennial.notification;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Sends notifications through an SMTP server (Jakarta Mail); active when {@code perennial.mail.smtp.host} is set. */
@Singleton
@Requires(property = "perennial.mail.smtp.host", pattern = ".*\\S.*")
public class SmtpMailSender implements MailSender {

    private final Session session;
    private final SmtpConfiguration smtp;
    private final InternetAddress from;

    public SmtpMailSender(SmtpConfiguration smtp, MailConfiguration mail) throws MessagingException {
        this.smtp = smtp;
        this.from = new InternetAddress(mail.from(), true);
        String timeout = String.valueOf(smtp.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host().trim());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        properties.put("mail.smtp.auth", String.valueOf(smtp.authenticates()));
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(MailMessage message) {
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.body(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            mime.setHeader("X-Perennial-Notification", message.notificationKey());
            if (smtp.authenticates()) {
                Transport.send(mime, smtp.username(), smtp.password());
            } else {
                Transport.send(mime);
            }
        } catch (MessagingException e) {
            throw new MailDeliveryException("SMTP server " + smtp.host() + ":" + smtp.port() + " did not accept the mail: "
                    + e.getMessage(), e);
        }
    }
}
