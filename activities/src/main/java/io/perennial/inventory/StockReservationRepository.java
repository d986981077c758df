package io.perennial.inventory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StockReservationRepository extends GenericRepository<StockReservationRecord, String> {

    /**
     * Serializes everything done to one reservation id until the transaction ends. A transaction-scoped advisory
     * lock: nothing to clean up, released on commit or rollback.
     */
    @Query("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:reservationId, 7))) held")
    long lock(String reservationId);

    @Query("""
            INSERT INTO stock_reservations (reservation_id, sku, quantity, status)
            VALUES (:reservationId, :sku, :quantity, 'HELD')
            """)
    void insertHeld(String reservationId, String sku, int quantity);

    @Query("""
            SELECT reservation_id, sku, quantity, status FROM stock_reservations
            WHERE reservation_id = :reservationId ORDER BY sku
            """)
    List<StockReservationRecord> findLines(String reservationId);

    @Query("""
            SELECT reservation_id, sku, quantity, status FROM stock_reservations
            WHERE reservation_id = :reservationId AND status = 'HELD' ORDER BY sku
            """)
    List<StockReservationRecord> findHeld(String reservationId);

    /** Moves the held lines to {@code status} (RELEASED or SHIPPED). */
    @Query("""
            UPDATE stock_reservations SET status = :status, settled_at = now()
            WHERE reservation_id = :reservationId AND status = 'HELD'
            """)
    int settle(String reservationId, String status);
}
