package dev.berth.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code scripts/bench.sh report}, once the benchmarks ran: reads every result under {@code target/bench}
 * ({@link BenchResult}'s and the recipes' recovery times) and writes {@code target/bench/report.html}, a chart per
 * benchmark (Berth beside docker or tar for each operation, as measured in the same run) and one of the recipes'
 * recovery times, drawn with XChart as PNG files under {@code target/bench/charts}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 760;
    private static final int HEIGHT = 360;

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = BenchResult.DIR;
        Path charts = Files.createDirectories(dir.resolve("charts"));
        List<JsonNode> results = new ArrayList<>();
        List<JsonNode> recoveries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode doc = JSON.readTree(f.toFile());
                (doc.has("recipe") ? recoveries : results).add(doc);
            }
        }
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Berth "
                + "benchmarks</title><style>body{font-family:sans-serif;max-width:820px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:.5em 0 2em}td,th{border:1px solid #ccc;padding:.3em .6em;"
                + "text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>"
                + "<h1>Berth benchmarks</h1><p>Each figure of Berth is measured beside raw <code>docker</code> or "
                + "<code>tar</code> on the same data, in the same run.</p>");
        for (JsonNode r : results) {
            if (r.path("rows").isEmpty()) {
                continue;
            }
            String name = r.path("benchmark").asText();
            chart(r).ifPresent(c -> save(c, charts.resolve(name + ".png")));
            html.append("<h2>").append(escape(r.path("title").asText(name))).append("</h2>")
                    .append("<img src=\"charts/").append(name).append(".png\" alt=\"").append(escape(name))
                    .append("\"><table><tr><th>operation</th><th>Berth</th><th>baseline</th><th>ratio</th></tr>");
            String unit = r.path("unit").asText();
            boolean higher = r.path("higherIsBetter").asBoolean();
            for (JsonNode row : r.path("rows")) {
                double berth = row.path("berth").asDouble();
                double base = row.path("baselineValue").asDouble();
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f %s</td><td>%.1f %s (%s)</td>"
                        + "<td>%.2f</td></tr>", escape(row.path("operation").asText()), berth, unit, base, unit,
                        escape(row.path("baseline").asText()), higher ? berth / base : base / berth));
            }
            html.append("</table><p><small>ratio: how many times Berth's speed the baseline's is (above 1: Berth is "
                    + "faster)</small></p>");
        }
        if (!recoveries.isEmpty()) {
            save(recoveryChart(recoveries), charts.resolve("recovery.png"));
            html.append("<h2>Recovery after a kill, per recipe</h2><img src=\"charts/recovery.png\" alt=\"recovery\">"
                    + "<table><tr><th>recipe</th><th>cycles</th><th>median</th><th>p90</th><th>writes lost</th></tr>");
            for (JsonNode r : recoveries) {
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d ms</td><td>%d ms</td>"
                        + "<td>%d</td></tr>", escape(r.path("recipe").asText()), r.path("cycles").asInt(),
                        r.path("medianRecoveryMs").asLong(), r.path("p90RecoveryMs").asLong(), r.path("lost").asInt()));
            }
            html.append("</table>");
        }
        html.append("</body></html>\n");
        Path out = dir.resolve("report.html");
        Files.writeString(out, html);
        System.out.println("report: " + out.toAbsolutePath() + " (" + results.size() + " benchmarks, "
                + recoveries.size() + " recipes)");
    }

    private static java.util.Optional<CategoryChart> chart(JsonNode r) {
        String unit = r.path("unit").asText();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(r.path("title").asText()).yAxisTitle(unit + (r.path("higherIsBetter").asBoolean()
                        ? " (higher is better)" : " (lower is better)")).build();
        style(chart);
        List<String> ops = new ArrayList<>();
        List<Double> berth = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        for (JsonNode row : r.path("rows")) {
            ops.add(row.path("operation").asText() + " (vs " + row.path("baseline").asText() + ")");
            berth.add(row.path("berth").asDouble());
            base.add(row.path("baselineValue").asDouble());
        }
        chart.addSeries("Berth", ops, berth);
        chart.addSeries("raw docker / tar, same data, same run", ops, base);
        return java.util.Optional.of(chart);
    }

    private static CategoryChart recoveryChart(List<JsonNode> recoveries) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("From kill to accepting writes again").yAxisTitle("ms (lower is better)").build();
        style(chart);
        List<String> recipes = recoveries.stream().map(r -> r.path("recipe").asText()).toList();
        chart.addSeries("median", recipes, recoveries.stream().map(r -> r.path("medianRecoveryMs").asDouble()).toList());
        chart.addSeries("p90", recipes, recoveries.stream().map(r -> r.path("p90RecoveryMs").asDouble()).toList());
        return chart;
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.#");
    }

    private static void save(CategoryChart chart, Path png) {
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
