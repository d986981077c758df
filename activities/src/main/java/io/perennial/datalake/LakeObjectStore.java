package io.perennial.datalake;

import java.nio.file.Path;

/** Where the export's partition files are copied besides the local folder: an S3-compatible store, when configured. */
public interface LakeObjectStore {

    /**
     * Replaces the object at {@code partition} (e.g. {@code table=invoices/date=2027-03-07/part-00000.parquet}, under
     * the store's prefix) with the file, whole.
     *
     * @throws LakeStoreFailure when the store cannot take it
     */
    void put(String partition, Path file);

    /** Where the objects go, for messages: {@code s3://bucket/prefix/}. */
    String location();
}
