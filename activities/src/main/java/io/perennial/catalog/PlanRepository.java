package io.perennial.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Plans and their versions, prices and box items. Writes go through {@link Catalog}, which keeps them whole. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlanRepository extends CrudRepository<Plan, String> {

    @Query("SELECT * FROM plans WHERE active ORDER BY product_id, created_at, id")
    List<Plan> findActive();

    @Query("SELECT * FROM plans ORDER BY product_id, created_at, id")
    List<Plan> findAllInOrder();

    /** Locks the plan's row so two new versions of one plan cannot take the same number. */
    @Query("SELECT current_version FROM plans WHERE id = :id FOR UPDATE")
    Optional<Integer> lockCurrentVersion(String id);

    @Query("UPDATE plans SET current_version = :version WHERE id = :id")
    int setCurrentVersion(String id, int version);

    @Query("UPDATE plans SET active = :active WHERE id = :id")
    int setActive(String id, boolean active);

    @Query("""
            INSERT INTO plans (id, product_id, name, kind, interval_unit, interval_count, current_version, active)
            VALUES (:id, :productId, :name, :kind, :intervalUnit, :intervalCount, 1, true)
            ON CONFLICT (id) DO NOTHING
            """)
    int insertPlan(String id, String productId, String name, String kind, String intervalUnit, int intervalCount);

    @Query("""
            INSERT INTO plan_versions (plan_id, version, trial_unit, trial_count, note, dunning_outcome)
            VALUES (:planId, :version, :trialUnit, :trialCount, :note, :dunningOutcome)
            """)
    void insertVersion(String planId, int version, @Nullable String trialUnit, @Nullable Integer trialCount,
                       @Nullable String note, String dunningOutcome);

    @Query("INSERT INTO plan_prices (plan_id, version, currency, amount_minor) VALUES (:planId, :version, :currency, :amountMinor)")
    void insertPrice(String planId, int version, String currency, long amountMinor);

    @Query("INSERT INTO plan_box_items (plan_id, version, sku, quantity) VALUES (:planId, :version, :sku, :quantity)")
    void insertBoxItem(String planId, int version, String sku, int quantity);

    @Query("SELECT plan_id, version, trial_unit, trial_count, note, dunning_outcome, created_at FROM plan_versions WHERE plan_id = :planId AND version = :version")
    Optional<PlanVersion> findVersion(String planId, int version);

    @Query("SELECT plan_id, version, trial_unit, trial_count, note, dunning_outcome, created_at FROM plan_versions WHERE plan_id = :planId ORDER BY version")
    List<PlanVersion> findVersions(String planId);

    @Query("SELECT currency, amount_minor FROM plan_prices WHERE plan_id = :planId AND version = :version ORDER BY currency")
    List<PlanPrice> findPrices(String planId, int version);

    @Query("SELECT sku, quantity FROM plan_box_items WHERE plan_id = :planId AND version = :version ORDER BY sku")
    List<PlanBoxItem> findBoxItems(String planId, int version);

}
