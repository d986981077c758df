package io.perennial.points;

/** @param trigger who asked: {@code schedule} */
public record PointsExpiryRequest(String trigger) {

    public static PointsExpiryRequest scheduled() {
        return new PointsExpiryRequest("schedule");
    }
}
