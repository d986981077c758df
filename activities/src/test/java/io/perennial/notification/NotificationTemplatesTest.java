package io.perennial.notification;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTest {

    @Test
    void amountsAreWrittenWithTheCurrencysMinorUnits() {
        assertThat(MoneyFormat.format(1299, "EUR")).isEqualTo("12.99 EUR");
        assertThat(MoneyFormat.format(5, "USD")).isEqualTo("0.05 USD");
        assertThat(MoneyFormat.format(1299, "JPY")).isEqualTo("1299 JPY");
        assertThat(MoneyFormat.format(1299, "BHD")).isEqualTo("1.299 BHD");
    }

    @Test
    void aFailedPaymentTellsWhatWasDueAndWhatHappensNext() {
        RenderedNotification mail = NotificationTemplates.render("payment_failed",
                Map.of("period", "3", "amountMinor", "1299", "currency", "EUR", "attempt", "renewal"), "Ada");

        assertThat(mail.subject()).isEqualTo("We could not collect your payment");
        assertThat(mail.body()).startsWith("Hello Ada,")
                .contains("12.99 EUR for billing period 3")
                .contains("update your payment method");
    }

    @Test
    void aPaymentNeedingTheCustomerGivesTheLinkAndTheDeadlineToTheMinute() {
        RenderedNotification mail = NotificationTemplates.render("payment_action_required",
                Map.of("period", "2", "amountMinor", "1299", "currency", "EUR",
                        "actionUrl", "/v1/subscriptions/s-1/payment-authentication",
                        "expiresAt", "2027-03-01T08:00:00Z"), "Ada");

        assertThat(mail.subject()).isEqualTo("Please confirm your payment");
        assertThat(mail.body()).contains("12.99 EUR for billing period 2")
                .contains("/v1/subscriptions/s-1/payment-authentication")
                .contains("before 1 March 2027, 08:00 UTC");
    }

    @Test
    void anOrderPaymentNeedingTheCustomerSaysTheItemsStayReservedUntilTheDeadline() {
        RenderedNotification mail = NotificationTemplates.render("order_payment_action_required",
                Map.of("orderId", "o-1", "amountMinor", "4599", "currency", "EUR",
                        "actionUrl", "/v1/orders/o-1/payment-authentication", "expiresAt", "2027-03-01T10:00:00Z"),
                "Ada");

        assertThat(mail.subject()).isEqualTo("Please confirm the payment of your order");
        assertThat(mail.body()).contains("45.99 EUR for your order o-1")
                .contains("/v1/orders/o-1/payment-authentication")
                .contains("before 1 March 2027, 10:00 UTC")
                .contains("items reserved");
    }

    @Test
    void anUpgradeNeedingTheCustomerSaysThePlanStaysUntilTheyConfirm() {
        RenderedNotification mail = NotificationTemplates.render("plan_change_action_required",
                Map.of("amountMinor", "772", "currency", "EUR",
                        "actionUrl", "/v1/subscriptions/s-1/payment-authentication",
                        "expiresAt", "2027-02-11T08:00:00Z"), "Ada");

        assertThat(mail.body()).contains("7.72 EUR for your plan change")
                .contains("you stay on your current plan").contains("before 11 February 2027, 08:00 UTC");
    }

    @Test
    void aSentInvoiceLinksToItsPageWhereItIsPaidByAlipayOrWeChatPay() {
        RenderedNotification mail = NotificationTemplates.render("invoice_sent", Map.of("invoiceNumber", "INV-000042",
                "amountMinor", "12900", "currency", "EUR", "dueAt", "2027-02-14T09:00:00Z",
                "bankReference", "PRN-7K2M-9XQ4", "payUrl", "https://shop.example/portal/invoices/0b7f8c2e"), "Ada");

        assertThat(mail.body()).contains("Or pay it now with Alipay or WeChat Pay: "
                + "https://shop.example/portal/invoices/0b7f8c2e.");
    }

    @Test
    void aSentInvoiceGivesTheDueDateTheAccountAndTheReference() {
        RenderedNotification mail = NotificationTemplates.render("invoice_sent", Map.of("invoiceNumber", "INV-000042",
                "amountMinor", "12900", "currency", "EUR", "dueAt", "2027-02-14T09:00:00Z",
                "bankAccount", "Perennial Demo Ltd, IBAN DE89 3704 0044 0532 0130 00", "bankReference", "PRN-7K2M-9XQ4"),
                "Ada");

        assertThat(mail.subject()).isEqualTo("Your invoice INV-000042, due 14 February 2027");
        assertThat(mail.body()).contains("129.00 EUR").contains("IBAN DE89 3704 0044 0532 0130 00")
                .contains("PRN-7K2M-9XQ4");
    }

    @Test
    void datesAreShownAsUtcDaysAndMissingValuesReadAsGeneralPhrases() {
        RenderedNotification trial = NotificationTemplates.render("trial_ending",
                Map.of("trialEnd", "2027-03-01T10:00:00Z", "planName", "Digital monthly"), "Ada");

        assertThat(trial.subject()).isEqualTo("Your trial ends on 1 March 2027");
        assertThat(trial.body()).contains("Digital monthly").contains("the amount due").doesNotContain("null");
    }

    @Test
    void everyKnownTemplateHasItsOwnSubject() {
        var templates = java.util.List.of("trial_ending", "renewal_upcoming", "payment_failed", "payment_recovered",
                "subscription_canceled", "plan_changed", "subscription_paused", "subscription_resumed", "box_unfilled",
                "box_not_shipped", "payment_action_required", "order_payment_action_required",
                "plan_change_action_required", "plan_change_declined", "subscription_suspended", "invoice_sent",
                "invoice_overdue", "invoice_overdue_reminder");

        assertThat(templates).extracting(template -> NotificationTemplates.render(template, Map.of(), "Ada").subject())
                .doesNotHaveDuplicates()
                .doesNotContain("News about your subscription");
    }

    @Test
    void aBoxThatCouldNotBeFilledSaysWhatWasRefunded() {
        RenderedNotification refunded = NotificationTemplates.render("box_unfilled",
                Map.of("period", "3", "amountMinor", "2999", "currency", "EUR"), "Ada");
        RenderedNotification free = NotificationTemplates.render("box_unfilled",
                Map.of("period", "4", "amountMinor", "0", "currency", "EUR"), "Ada");

        assertThat(refunded.subject()).isEqualTo("Your box for billing period 3 could not be filled");
        assertThat(refunded.body()).contains("We have refunded 29.99 EUR").contains("will not ship");
        assertThat(free.body()).contains("There was nothing to refund").doesNotContain("0.00 EUR");
    }

    @Test
    void anUnknownTemplateGetsAGeneralMessageWithItsData() {
        RenderedNotification mail = NotificationTemplates.render("box_shipped", Map.of("carrier", "DHL"), "Ada");

        assertThat(mail.subject()).isEqualTo("News about your subscription");
        assertThat(mail.body()).contains("carrier: DHL");
    }
}
