package io.perennial.datalake;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one day of a table to {@code <dir>/table=<name>/date=<day>/part-00000.parquet}, replacing the file (so a day
 * written again holds the same rows), then, when an S3-compatible store is configured, uploads that file to the same
 * partition there. PostgreSQL's rows are staged in an in-memory DuckDB and written with DuckDB's
 * own Parquet writer: no Hadoop. Timestamps become Parquet TIMESTAMP (UTC, microseconds), numerics DECIMAL(38,10),
 * uuids and JSON text.
 */
@Singleton
public class DataLakeExport {

    private static final String FILE = "part-00000.parquet";

    private final TransactionOperations<Connection> transactions;
    private final DataLakeConfiguration configuration;
    private final Optional<LakeObjectStore> store;

    public DataLakeExport(TransactionOperations<Connection> transactions, DataLakeConfiguration configuration,
                          Optional<LakeObjectStore> store) {
        this.transactions = transactions;
        this.configuration = configuration;
        this.store = store;
    }

    /**
     * Writes every table's day; returns the rows written per table.
     *
     * @throws LakeStoreFailure when the store does not take a file (tables before it are already replaced whole)
     */
    public Map<LakeTable, Integer> exportDay(LocalDate day) {
        Map<LakeTable, Integer> written = new LinkedHashMap<>();
        for (LakeTable table : LakeTable.values()) {
            written.put(table, exportDay(table, day));
        }
        return written;
    }

    public int exportDay(LakeTable table, LocalDate day) {
        String partition = "table=" + table.partitionName() + "/date=" + day;
        Path folder = Path.of(configuration.dir(), partition);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            Staged staged = transactions.executeRead(status -> stage(status.getConnection(), duck, table, day));
            Files.createDirectories(folder);
            Path temporary = folder.resolve(FILE + ".writing");
            try (Statement copy = duck.createStatement()) {
                copy.execute("COPY (SELECT " + String.join(", ", staged.outputs()) + " FROM stage) TO '"
                        + temporary.toString().replace("'", "''") + "' (FORMAT PARQUET)");
            }
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            store.ifPresent(objects -> objects.put(partition + "/" + FILE, folder.resolve(FILE)));
            return staged.rows();
        } catch (SQLException e) {
            throw new IllegalStateException("exporting " + table + " of " + day + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How each staged column is written: its staging type, then the Parquet type it is cast to. */
    private enum Kind {
        TEXT("VARCHAR", "%s"), INT("INTEGER", "%s"), LONG("BIGINT", "%s"), DOUBLE("DOUBLE", "%s"),
        BOOL("BOOLEAN", "%s"), DECIMAL("VARCHAR", "CAST(%s AS DECIMAL(38,10))"), DATE("VARCHAR", "CAST(%s AS DATE)"),
        TIME("BIGINT", "make_timestamp(%s)");

        final String staged;
        final String output;

        Kind(String staged, String output) {
            this.staged = staged;
            this.output = output;
        }

        static Kind of(String postgresType) {
            return switch (postgresType) {
                case "int2", "int4", "serial" -> INT;
                case "int8", "bigserial" -> LONG;
                case "float4", "float8" -> DOUBLE;
                case "bool" -> BOOL;
                case "numeric" -> DECIMAL;
                case "date" -> DATE;
                case "timestamptz", "timestamp" -> TIME;
                default -> TEXT;
            };
        }
    }

    /** The rows staged, and the select list that casts them to their Parquet types. */
    private record Staged(int rows, List<String> outputs) {
    }

    private Staged stage(Connection postgres, Connection duck, LakeTable table, LocalDate day) throws SQLException {
        try (PreparedStatement query = postgres.prepareStatement(table.query())) {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (table.byDate()) {
                query.setString(1, day.toString());
            } else {
                query.setTimestamp(1, Timestamp.from(start));
                query.setTimestamp(2, Timestamp.from(start.plus(1, ChronoUnit.DAYS)));
            }
            try (ResultSet rows = query.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                Kind[] kinds = new Kind[columns];
                List<String> definitions = new ArrayList<>();
                List<String> outputs = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    kinds[c - 1] = Kind.of(meta.getColumnTypeName(c));
                    String name = '"' + meta.getColumnName(c) + '"';
                    definitions.add(name + " " + kinds[c - 1].staged);
                    outputs.add(kinds[c - 1].output.formatted(name) + " AS " + name);
                }
                try (Statement create = duck.createStatement()) {
                    create.execute("CREATE TABLE stage (" + String.join(", ", definitions) + ")");
                }
                int count = 0;
                try (PreparedStatement insert = duck.prepareStatement("INSERT INTO stage VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")")) {
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            bind(insert, c, kinds[c - 1], rows);
                        }
                        insert.addBatch();
                        if (++count % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return new Staged(count, outputs);
            }
        }
    }

    private static void bind(PreparedStatement insert, int c, Kind kind, ResultSet rows) throws SQLException {
        switch (kind) {
            case INT -> insert.setObject(c, rows.getObject(c) == null ? null : rows.getInt(c));
            case LONG -> insert.setObject(c, rows.getObject(c) == null ? null : rows.getLong(c));
            case DOUBLE -> insert.setObject(c, rows.getObject(c) == null ? null : rows.getDouble(c));
            case BOOL -> insert.setObject(c, rows.getObject(c) == null ? null : rows.getBoolean(c));
            case TIME -> {
                Timestamp at = rows.getTimestamp(c);
                insert.setObject(c, at == null ? null
                        : ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant()));
            }
            default -> insert.setString(c, rows.getString(c));
        }
    }
}
