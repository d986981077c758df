package io.perennial.notification;

/** The mail server refused the message or could not be reached. */
public class MailDeliveryException extends RuntimeException {
    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
