package io.perennial.notification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plain-text messages customers receive, by template name. A value missing from the data reads as a general
 * phrase rather than failing; an unknown template gets a general message listing its data.
 *
 * <p>Data the templates read: {@code planName}, {@code amountMinor} with {@code currency}, {@code period},
 * {@code trialEnd}, {@code renewsAt}, {@code reason}, {@code accessUntil}, {@code fromPlan}, {@code toPlan},
 * {@code resumeAt}, {@code nextBillingAt}, {@code actionUrl} with {@code expiresAt}, {@code orderId}, {@code ifUnpaid} ({@code suspend} when an
 * unpaid invoice suspends the subscription instead of ending it). Times are ISO-8601 instants and are shown as UTC dates.
 */
public final class NotificationTemplates {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String SIGNATURE = "\n\n-- \nPerennial";

    private NotificationTemplates() {
    }

    public static RenderedNotification render(String template, Map<String, String> data, String customerName) {
        Values v = new Values(data);
        String hello = "Hello " + customerName + ",\n\n";
        return switch (template) {
            case "trial_ending" -> message("Your trial ends on " + v.date("trialEnd", "soon"), hello
                    + "your free trial of " + v.text("planName", "your plan") + " ends on "
                    + v.date("trialEnd", "its last day") + ". From then on we charge " + v.amount()
                    + " per billing period to your payment method. Cancel before then if you do not want to continue.");
            case "renewal_upcoming" -> message("Your subscription renews on " + v.date("renewsAt", "soon"), hello
                    + "your subscription to " + v.text("planName", "your plan") + " renews on "
                    + v.date("renewsAt", "its next billing date") + ". We will charge " + v.amount()
                    + " to your payment method.");
            case "payment_failed" -> message("We could not collect your payment", hello
                    + "we tried to collect " + v.amount() + v.period() + " and your payment method was declined. "
                    + "Please update your payment method; we will try again automatically.");
            case "plan_change_declined" -> message("Your plan change was not made", hello
                    + "we could not collect " + v.amount() + " for your plan change: your payment method was declined"
                    + " (or the payment was not confirmed). Your subscription stays on its current plan, and nothing"
                    + " will be tried again. To make the change, update your payment method and ask for it again.");
            case "payment_action_required" -> message("Please confirm your payment", hello
                    + "your bank asks you to confirm the payment of " + v.amount() + v.period() + ". Confirm it here: "
                    + v.text("actionUrl", "in your account") + " before " + v.instant("expiresAt", "the deadline")
                    + ". Until then your subscription is on hold; without your confirmation we treat the payment "
                    + "as declined.");
            case "order_payment_action_required" -> message("Please confirm the payment of your order", hello
                    + "your bank asks you to confirm the payment of " + v.amount() + " for your order "
                    + v.text("orderId", "") + ". Confirm it here: " + v.text("actionUrl", "in your account")
                    + " before " + v.instant("expiresAt", "the deadline") + ". We keep your items reserved until "
                    + "then; without your confirmation the order is canceled and nothing is charged.");
            case "plan_change_action_required" -> message("Please confirm the payment of your plan change", hello
                    + "your bank asks you to confirm the payment of " + v.amount() + " for your plan change. Confirm "
                    + "it here: " + v.text("actionUrl", "in your account") + " before "
                    + v.instant("expiresAt", "the deadline") + ". Until then you stay on your current plan; without "
                    + "your confirmation the change is dropped and nothing is charged.");
            case "payment_method_unusable" -> message("Your card cannot be charged", hello
                    + "we tried to collect " + v.amount() + v.period() + " and your card issuer refused it for good "
                    + "(for example, the card was reported lost or stolen, or the account is closed). We will not try "
                    + "this card again: please add a new payment method to keep your subscription.");
            case "invoice_sent" -> message("Your invoice " + v.text("invoiceNumber", "") + ", due "
                    + v.date("dueAt", "soon"), hello
                    + "your invoice " + v.text("invoiceNumber", "") + " for " + v.amount() + " is due on "
                    + v.date("dueAt", "its due date") + ". Please pay it by bank transfer to " + v.text("bankAccount", "our account") + " with the reference "
                    + v.text("bankReference", "on the invoice") + " (only this reference lets us match your payment)."
                    + " Or pay it now with Alipay or WeChat Pay: " + v.text("payUrl", "open the invoice in your account")
                    + ".");
            case "invoice_overdue" -> message("Your invoice is overdue", hello
                    + "we have not received " + v.amount() + v.period() + ", which was due. Please pay it now with the "
                    + "bank reference of the invoice we sent.");
            case "invoice_overdue_reminder" -> message("Reminder: your invoice is still unpaid", hello
                    + v.amount() + v.period() + " is still unpaid. If it stays unpaid, your subscription "
                    + ("suspend".equals(v.text("ifUnpaid", "")) ? "is suspended until it is paid." : "ends."));
            case "subscription_suspended" -> message("Your subscription is suspended", hello
                    + "we could not collect " + v.amount() + v.period() + ", so your subscription is suspended: "
                    + "nothing more is billed and your access has ended. Pay the open invoice (or update your "
                    + "payment method) and your subscription is active again.");
            case "payment_recovered" -> message("Payment received, thank you", hello
                    + "we have received " + v.amount() + v.period() + ". Your subscription is active again.");
            case "subscription_canceled" -> message("Your subscription is canceled", hello
                    + "your subscription is canceled" + reason(v.text("reason", "")) + "."
                    + (v.has("accessUntil") ? " You have access until " + v.date("accessUntil", "") + "." : "")
                    + " You are welcome back any time.");
            case "plan_changed" -> message("Your plan is now " + v.text("toPlan", "changed"), hello
                    + "your subscription changed from " + v.text("fromPlan", "your previous plan") + " to "
                    + v.text("toPlan", "a new plan")
                    + (v.has("effectiveAt") ? " on " + v.date("effectiveAt", "") : "") + "."
                    + (v.has("amountMinor") ? " We charged " + v.amount() + " for the change." : ""));
            case "subscription_paused" -> message("Your subscription is paused", hello
                    + "your subscription is paused and you will not be charged while it is."
                    + (v.has("resumeAt") ? " It resumes on " + v.date("resumeAt", "") + "." : " Resume it any time."));
            case "subscription_resumed" -> message("Your subscription is active again", hello
                    + "welcome back: your subscription is active again."
                    + (v.has("nextBillingAt") ? " Your next payment is due on " + v.date("nextBillingAt", "") + "."
                    : ""));
            case "box_unfilled" -> message("Your box" + v.period() + " could not be filled", hello
                    + "we could not get everything in stock for your box" + v.period() + " before the period ended, "
                    + "so it will not ship. " + (v.has("amountMinor") && !"0".equals(data.get("amountMinor"))
                    ? "We have refunded " + v.amount() + " to your payment method." : "There was nothing to refund.")
                    + " Your subscription carries on as usual.");
            case "box_not_shipped" -> message("Your box" + v.period() + " will not ship", hello
                    + "your box" + v.period() + " was canceled before it shipped. "
                    + (v.has("amountMinor") && !"0".equals(data.get("amountMinor"))
                    ? "We have refunded " + v.amount() + " to your payment method." : "There was nothing to refund.")
                    + " Your subscription carries on as usual.");
            default -> message("News about your subscription", hello + "there is news about your subscription"
                    + (data.isEmpty() ? "." : ":\n\n" + data.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining("\n"))));
        };
    }

    private static RenderedNotification message(String subject, String body) {
        return new RenderedNotification(subject, body + SIGNATURE);
    }

    private static String reason(String code) {
        return switch (code) {
            case "payment_failed" -> " because we could not collect your payment";
            case "customer_request" -> " as you asked";
            default -> "";
        };
    }

    /** The template's data, read leniently. */
    private record Values(Map<String, String> data) {

        boolean has(String key) {
            String value = data.get(key);
            return value != null && !value.isBlank();
        }

        String text(String key, String otherwise) {
            return has(key) ? data.get(key) : otherwise;
        }

        String date(String key, String otherwise) {
            if (!has(key)) {
                return otherwise;
            }
            try {
                return DATE.format(Instant.parse(data.get(key)));
            } catch (DateTimeParseException notAnInstant) {
                return data.get(key);
            }
        }

        /** An instant shown to the minute, for deadlines within a day. */
        String instant(String key, String otherwise) {
            if (!has(key)) {
                return otherwise;
            }
            try {
                return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC)
                        .format(Instant.parse(data.get(key)));
            } catch (DateTimeParseException notAnInstant) {
                return data.get(key);
            }
        }

        String amount() {
            if (has("amountMinor") && has("currency")) {
                try {
                    return MoneyFormat.format(Long.parseLong(data.get("amountMinor")), data.get("currency"));
                } catch (NumberFormatException notANumber) {
                    return data.get("amountMinor") + " " + data.get("currency");
                }
            }
            return "the amount due";
        }

        String period() {
            return has("period") ? " for billing period " + data.get("period") : "";
        }
    }
}
