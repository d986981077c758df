package io.perennial.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One reconciliation sweep: charges left PENDING past the grace period are asked about at the provider by their
 * key, our ledger is settled, held renewals are woken, money taken for voided invoices is given back, and a drift
 * report is written ({@code GET /v1/ops/reconciliation}). Started by the reconciliation Schedule
 * ({@code PeriodicJobs}); sweeping twice is harmless.
 */
@WorkflowInterface
public interface ReconciliationWorkflow {

    @WorkflowMethod
    SweepReport run(SweepRequest request);
}
