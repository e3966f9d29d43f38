package dev.saferoll.migrations.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row and columns padded to their widest cell. */
final class TextTable {

    private final List<String> headers;

    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(String... cells) {
        if (cells.length != this.headers.size()) {
            throw new IllegalArgumentException("Expected " + this.headers.size() + " cells but got " + cells.length);
        }
        this.rows.add(List.of(cells));
        return this;
    }

    String render() {
        int[] widths = new int[this.headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = this.headers.get(column).length();
            for (List<String> row : this.rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendRow(text, this.headers, widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        appendRow(text, rules, widths);
        for (List<String> row : this.rows) {
            appendRow(text, row, widths);
        }
        return text.toString().stripTrailing();
    }

    private static void appendRow(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append("  ");
            }
            String cell = cells.get(column);
            line.append(cell).append(" ".repeat(widths[column] - cell.length()));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
