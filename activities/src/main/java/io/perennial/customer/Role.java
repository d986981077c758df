package io.perennial.customer;

public enum Role {
    CUSTOMER,
    OPS,
    ADMIN
}
