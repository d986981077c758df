package io.perennial.catalog;

public enum PlanKind {
    DIGITAL,
    PHYSICAL
}
