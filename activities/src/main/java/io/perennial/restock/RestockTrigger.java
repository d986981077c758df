package io.perennial.restock;

import io.perennial.inventory.StockLevel;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;

/**
 * Signal-with-starts a SKU's restock ({@code restock-{sku}}, see {@link RestockStartOptions}): the one open restock
 * gets the signal, or a new one starts when none is open. Used by inventory when stock falls to the reorder point,
 * by backordered orders, and by the API after a count takes stock low.
 */
@Singleton
public class RestockTrigger {

    private static final Logger log = LoggerFactory.getLogger(RestockTrigger.class);

    private final WorkflowClient client;

    public RestockTrigger(WorkflowClient client) {
        this.client = client;
    }

    /** Returns the run that got the signal. */
    public WorkflowExecution lowStock(String sku, String cause) {
        WorkflowExecution run = signalWithStart(sku, (restock, request) ->
                request.add(restock::lowStock, new LowStock(sku, cause)));
        log.info("Stock of {} at or below its reorder point ({}): restock run {}", sku, cause, run.getRunId());
        return run;
    }

    public WorkflowExecution backorderWaiting(Backorder backorder) {
        return signalWithStart(backorder.sku(), (restock, request) ->
                request.add(restock::backorderWaiting, backorder));
    }

    /**
     * One signal-with-start. A start that loses a race with another one for the same id may be told the workflow
     * "already started" (Temporal's Java test server answers so instead of signalling the open run): the open run
     * exists then, so asking again delivers the signal to it.
     */
    private WorkflowExecution signalWithStart(String sku, BiConsumer<RestockWorkflow, BatchRequest> signal) {
        for (int attempt = 1; ; attempt++) {
            RestockWorkflow restock = client.newWorkflowStub(RestockWorkflow.class, RestockStartOptions.forSku(sku));
            BatchRequest request = client.newSignalWithStartRequest();
            request.add(restock::run, RestockStart.of(sku));
            signal.accept(restock, request);
            try {
                return client.signalWithStart(request);
            } catch (WorkflowExecutionAlreadyStarted raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    /** After a count: a count that took free stock to or below the reorder point starts (or joins) a restock. */
    public void afterAdjustment(StockLevel level, int delta, String actor) {
        if (delta < 0 && level.atOrBelowReorderPoint()) {
            try {
                lowStock(level.sku(), "counted " + delta + " by " + actor);
            } catch (RuntimeException temporalUnreachable) {
                // The count stands either way; the next reservation that finds the SKU low starts the restock.
                log.warn("Count of {} left it at or below its reorder point, but its restock could not be started",
                        level.sku(), temporalUnreachable);
            }
        }
    }
}
