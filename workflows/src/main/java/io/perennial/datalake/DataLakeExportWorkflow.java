package io.perennial.datalake;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One run of the data-lake export, started by its Schedule ({@code schedule-data-lake-export}). */
@WorkflowInterface
public interface DataLakeExportWorkflow {

    @WorkflowMethod
    DataLakeExported run(DataLakeExportRequest request);
}
