package dev.berth.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark measured, written as {@code target/bench/<name>.json} in one shape for every benchmark, so that
 * {@link Report} can chart them: operations, each with Berth's figure beside its baseline's (raw docker or tar on the
 * same data, in the same run), in one unit, plus any other figures.
 */
final class BenchResult {
    /** Where results go: {@code target/bench} under the directory the build runs in, or {@code berth.bench.dir}. */
    static final Path DIR = Path.of(System.getProperty("berth.bench.dir", "target/bench"));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One operation: Berth's figure and the baseline's, in the result's unit. */
    record Row(String operation, double berth, String baseline, double baselineValue) {
    }

    private final String name;
    private final String title;
    private final String unit;
    private final boolean higherIsBetter;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    BenchResult(String name, String title, String unit, boolean higherIsBetter) {
        this.name = name;
        this.title = title;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    BenchResult row(String operation, double berth, String baseline, double baselineValue) {
        rows.add(new Row(operation, berth, baseline, baselineValue));
        return this;
    }

    BenchResult figure(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    /** Writes {@code <name>.json} and says where. */
    Path write() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", name);
        doc.put("title", title);
        doc.put("unit", unit);
        doc.put("higherIsBetter", higherIsBetter);
        doc.put("rows", rows);
        doc.put("figures", figures);
        Path out = DIR.resolve(name + ".json");
        try {
            Files.createDirectories(DIR);
            JSON.writeValue(out.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("  written to " + out.toAbsolutePath());
        return out;
    }
}
