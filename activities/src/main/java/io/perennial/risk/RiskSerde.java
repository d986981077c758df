package io.perennial.risk;

import io.micronaut.serde.annotation.SerdeImport;

/** Lets Micronaut Serde write and read the risk records of the workflows module as JSON columns. */
@SerdeImport(FiredRule.class)
@SerdeImport(RiskReview.class)
final class RiskSerde {
    private RiskSerde() {
    }
}
