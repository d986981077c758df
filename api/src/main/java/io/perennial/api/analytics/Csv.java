package io.perennial.api.analytics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Flat report rows as RFC 4180 CSV: a header of the record's component names (as in the JSON), then one line per
 * row; an empty cell for null. Text with a comma, quote or line break is quoted.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    static String of(Class<? extends Record> type, List<? extends Record> rows) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder csv = new StringBuilder(Arrays.stream(columns).map(RecordComponent::getName)
                .collect(Collectors.joining(","))).append("\r\n");
        for (Record row : rows) {
            csv.append(Arrays.stream(columns).map(column -> cell(value(column, row)))
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + column.getName(), e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
