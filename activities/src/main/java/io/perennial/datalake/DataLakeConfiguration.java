package io.perennial.datalake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param dir the folder the Hive-style partitions go under (a local path) */
@ConfigurationProperties("perennial.data-lake")
public record DataLakeConfiguration(@Bindable(defaultValue = "data-lake") String dir) {
}
