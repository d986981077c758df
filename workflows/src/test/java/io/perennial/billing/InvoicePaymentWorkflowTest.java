package io.perennial.billing;

import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoicePaymentWorkflowTest {

    private static final Instant EXPIRES = Instant.parse("2027-03-01T10:30:00Z");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(InvoicePaymentWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    /** The provider's side: fails twice as if the provider timed out, then opens the session; or refuses. */
    static final class Provider extends UnusedSentInvoiceActivities {
        final List<RedirectPaymentRequest> asked = new CopyOnWriteArrayList<>();
        final AtomicInteger timeouts = new AtomicInteger(2);

        @Override
        public RedirectPaymentSession openRedirectPayment(RedirectPaymentRequest request) {
            asked.add(request);
            if (request.invoiceId().equals("inv-paid")) {
                throw ApplicationFailure.newNonRetryableFailure("Invoice inv-paid is not a sent, open invoice",
                        RedirectMethods.INVOICE_NOT_PAYABLE);
            }
            if (request.invoiceId().equals("inv-refused")) {
                throw ApplicationFailure.newNonRetryableFailure("The provider refused wechat_pay",
                        RedirectMethods.METHOD_REFUSED);
            }
            if (timeouts.getAndDecrement() > 0) {
                throw new IllegalStateException("payment provider did not answer in time");
            }
            return new RedirectPaymentSession(request.invoiceId(), request.method(),
                    RedirectMethods.paymentKey(request.invoiceId(), request.method(), 1),
                    "/provider/redirects/rs_sim_1", EXPIRES, "AWAITING_CUSTOMER");
        }
    }

    @Test
    void theSessionIsOpenedThroughTheProvidersTimeoutsAndAnUnpayableInvoiceOrARefusedMethodFailsAtOnce(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        Provider provider = new Provider();
        worker.registerActivitiesImplementations(provider);
        env.start();

        RedirectPaymentSession session = stub(client, worker, "inv-1").openRedirect(
                new RedirectPaymentRequest("inv-1", RedirectMethods.ALIPAY, "http://localhost/portal/invoices/inv-1"));

        assertThat(session.paymentKey()).isEqualTo("inv-1:redirect:alipay");
        assertThat(session.redirectUrl()).isEqualTo("/provider/redirects/rs_sim_1");
        assertThat(provider.asked).hasSize(3);
        assertThatThrownBy(() -> stub(client, worker, "inv-paid").openRedirect(
                new RedirectPaymentRequest("inv-paid", RedirectMethods.ALIPAY, "http://localhost/")))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.getType()).isEqualTo(RedirectMethods.INVOICE_NOT_PAYABLE));
        assertThat(provider.asked).hasSize(4);
        assertThatThrownBy(() -> stub(client, worker, "inv-refused").openRedirect(
                new RedirectPaymentRequest("inv-refused", RedirectMethods.ALIPAY, "http://localhost/")))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().cause().isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.getType()).isEqualTo(RedirectMethods.METHOD_REFUSED));
        assertThat(provider.asked).hasSize(5);

        Path recorded = Path.of("src/test/resources/histories/invoice-payment-redirect-opened.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(WorkflowIds.invoicePayment("inv-1", RedirectMethods.ALIPAY))
                    .toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                InvoicePaymentWorkflowImpl.class);
    }

    private static InvoicePaymentWorkflow stub(WorkflowClient client, Worker worker, String invoiceId) {
        return client.newWorkflowStub(InvoicePaymentWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.invoicePayment(invoiceId, RedirectMethods.ALIPAY))
                .setTaskQueue(worker.getTaskQueue()).build());
    }

    /** The sent-invoice activities this workflow never calls. */
    abstract static class UnusedSentInvoiceActivities implements SentInvoiceActivities {
        @Override
        public SentInvoice sendInvoice(InvoiceToSend invoice) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InvoiceStatus checkSentInvoice(String invoiceId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InvoiceStatus closeOverdueInvoice(String invoiceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InvoiceStatus voidSentInvoice(String invoiceId) {
            throw new UnsupportedOperationException();
        }
    }
}
