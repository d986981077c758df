package io.perennial.catalog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/** Add-ons, their prices and their plans. Writes go through {@link AddOnCatalogue}, which keeps them whole. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AddOnRepository extends CrudRepository<AddOn, String> {

    @Query("SELECT * FROM add_ons ORDER BY created_at, code")
    List<AddOn> findAllInOrder();

    @Query("INSERT INTO add_ons (code, name, active) VALUES (:code, :name, true) ON CONFLICT (code) DO NOTHING")
    int insertAddOn(String code, String name);

    @Query("INSERT INTO add_on_prices (code, currency, amount_minor) VALUES (:code, :currency, :amountMinor)")
    void insertPrice(String code, String currency, long amountMinor);

    @Query("INSERT INTO add_on_plans (code, plan_id) VALUES (:code, :planId)")
    void insertPlan(String code, String planId);

    @Query("SELECT currency, amount_minor FROM add_on_prices WHERE code = :code ORDER BY currency")
    List<PlanPrice> findPrices(String code);

    @Query("SELECT plan_id FROM add_on_plans WHERE code = :code ORDER BY plan_id")
    List<String> findPlanIds(String code);

    /** Retires the add-on (a second retirement keeps the first time); returns 0 when there is no such add-on. */
    @Query("UPDATE add_ons SET active = false, retired_at = COALESCE(retired_at, :at) WHERE code = :code")
    int retire(String code, Instant at);

    /** Locks the add-on's row for a price change; returns 0 when there is no such add-on. */
    @Query("UPDATE add_ons SET repriced_at = :at WHERE code = :code")
    int markRepriced(String code, Instant at);

    @Query("DELETE FROM add_on_prices WHERE code = :code")
    void deletePrices(String code);
}
