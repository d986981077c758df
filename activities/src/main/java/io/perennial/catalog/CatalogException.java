package io.perennial.catalog;

/** A catalog change that cannot be made; {@code pointer} names the offending field (JSON pointer) when there is one. */
public class CatalogException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String pointer;

    public CatalogException(Kind kind, String message, String pointer) {
        super(message, null, false, false);
        this.kind = kind;
        this.pointer = pointer;
    }

    static CatalogException invalid(String pointer, String message) {
        return new CatalogException(Kind.INVALID, message, pointer);
    }

    public Kind kind() {
        return kind;
    }

    public String pointer() {
        return pointer;
    }
}
