package dev.llmbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH JSON results into a Markdown report: per benchmark class, each optimised method beside
 * its naive baseline ({@code baseline…} methods, paired by parameters and name), with the speed-up
 * ratio, plus the reference implementation's figures from bench-inputs/BENCHMARKS.md.
 *
 * <pre>
 * java -cp target/jmh/benchmarks.jar dev.llmbot.bench.Report \
 *     target/jmh/results.json docs/PERFORMANCE.md ../shared/bench-inputs/BENCHMARKS.md
 * </pre>
 *
 * The generated part of the output file sits between two marker lines; text outside them (load test
 * and soak records, notes) is kept, so the report can be regenerated in place.
 */
public final class Report {
  static final String BEGIN = "<!-- BEGIN GENERATED JMH REPORT -->";
  static final String END = "<!-- END GENERATED JMH REPORT -->";

  private Report() {}

  /** One JMH result row. */
  record Row(
      String clazz,
      String method,
      String mode,
      Map<String, String> params,
      double score,
      double error,
      String unit,
      double allocBytes) {
    String paramText() {
      if (params.isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder();
      params.forEach(
          (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
      return sb.toString();
    }

    boolean baseline() {
      return method.startsWith("baseline");
    }

    /** Whether a higher score is better (throughput modes). */
    boolean higherIsBetter() {
      return mode.equals("thrpt");
    }
  }

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args.length > 0 ? args[0] : "target/jmh/results.json");
    Path out = Path.of(args.length > 1 ? args[1] : "docs/PERFORMANCE.md");
    Path reference = Path.of(args.length > 2 ? args[2] : "../shared/bench-inputs/BENCHMARKS.md");
    List<Row> rows = parse(new ObjectMapper().readTree(Files.readAllBytes(results)));
    String generated =
        render(rows, Files.isRegularFile(reference) ? referenceTable(reference) : "");
    String existing = Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, splice(existing, generated), StandardCharsets.UTF_8);
  }

  static List<Row> parse(JsonNode root) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : root) {
      String full = r.path("benchmark").asText();
      int dot = full.lastIndexOf('.');
      String clazz = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
      Map<String, String> params = new TreeMap<>();
      r.path("params")
          .fields()
          .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode pm = r.path("primaryMetric");
      double alloc =
          r.path("secondaryMetrics").path("·gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
      if (Double.isNaN(alloc)) {
        alloc =
            r.path("secondaryMetrics")
                .path("gc.alloc.rate.norm")
                .path("score")
                .asDouble(Double.NaN);
      }
      rows.add(
          new Row(
              clazz,
              full.substring(dot + 1),
              r.path("mode").asText(),
              params,
              pm.path("score").asDouble(),
              pm.path("scoreError").asDouble(Double.NaN),
              pm.path("scoreUnit").asText(),
              alloc));
    }
    return rows;
  }

  static String render(List<Row> rows, String referenceTable) {
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    rows.forEach(r -> byClass.computeIfAbsent(r.clazz(), k -> new ArrayList<>()).add(r));
    StringBuilder sb = new StringBuilder();
    sb.append(BEGIN).append("\n\n## JMH: optimised vs naive baseline\n\n");
    sb.append("| benchmark | params | optimised | baseline | speed-up | alloc/op (opt → base) |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Row>> e : byClass.entrySet()) {
      List<Row> all = e.getValue();
      for (Row opt : all) {
        if (opt.baseline()) {
          continue;
        }
        Row base = pair(opt, all);
        sb.append("| ")
            .append(e.getKey())
            .append('.')
            .append(opt.method())
            .append(" | ")
            .append(opt.paramText())
            .append(" | ")
            .append(fmt(opt))
            .append(" | ")
            .append(base == null ? "–" : base.method() + ": " + fmt(base))
            .append(" | ")
            .append(base == null ? "–" : ratio(opt, base))
            .append(" | ")
            .append(alloc(opt))
            .append(base == null ? "" : " → " + alloc(base))
            .append(" |\n");
      }
    }
    sb.append(chart(byClass));
    sb.append(sideBySide(rows));
    if (!referenceTable.isEmpty()) {
      sb.append("\n## Reference implementation (bench-inputs/BENCHMARKS.md)\n\n")
          .append(referenceTable)
          .append('\n');
    }
    sb.append('\n').append(END).append('\n');
    return sb.toString();
  }

  /** Cells of a chart bar per factor of ten. */
  static final int CELLS_PER_DECADE = 6;

  /**
   * The speed-ups as a text bar chart on a log scale (a plain code block renders everywhere): one
   * bar per optimised benchmark with a baseline; a result slower than its baseline gets no bar.
   */
  static String chart(Map<String, List<Row>> byClass) {
    List<String> labels = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byClass.entrySet()) {
      for (Row opt : e.getValue()) {
        Row base = opt.baseline() ? null : pair(opt, e.getValue());
        if (base == null) {
          continue;
        }
        String params = opt.paramText();
        labels.add(
            e.getKey().replace("Benchmark", "")
                + '.'
                + opt.method()
                + (params.isEmpty() ? "" : " [" + params + "]"));
        ratios.add(ratioValue(opt, base));
      }
    }
    int width = labels.stream().mapToInt(String::length).max().orElse(0);
    StringBuilder sb =
        new StringBuilder("\n### Speed-up over the naive baseline (log scale)\n\n```\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%-" + width + "s  %s = ×10 (each █ ≈ ×%.2f)%n",
            "",
            "█".repeat(CELLS_PER_DECADE),
            Math.pow(10, 1.0 / CELLS_PER_DECADE)));
    for (int i = 0; i < labels.size(); i++) {
      double x = ratios.get(i);
      int cells = x <= 1 ? 0 : Math.max(1, (int) Math.round(CELLS_PER_DECADE * Math.log10(x)));
      sb.append(String.format(Locale.ROOT, "%-" + width + "s  ", labels.get(i)))
          .append("█".repeat(cells))
          .append(cells == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "%.1f×", x))
          .append(x < 1 ? " (slower)" : "")
          .append('\n');
    }
    return sb.append("```\n").toString();
  }

  /** A reference workload and the benchmark of ours that does the same job on the same input. */
  record Comparable(String workload, String reference, String clazz, String method, String param) {}

  static final List<Comparable> COMPARABLE =
      List.of(
          new Comparable(
              "split a into 2,000-char chunks", "7.4 µs", "SplitterBenchmark", "split", "a"),
          new Comparable("split b", "43 µs (lost text)", "SplitterBenchmark", "split", "b"),
          new Comparable("split b2", "15 µs", "SplitterBenchmark", "split", "b2"),
          new Comparable("split c", "10.3 s (wrong output)", "SplitterBenchmark", "split", "c"),
          new Comparable(
              "1,000 messages of d as moments, size read after each (per add)",
              "1.6 ms, growing",
              "ServerContextBenchmark",
              "addMoments",
              null),
          new Comparable(
              "1,000 messages of d into one conversation window (per message)",
              "46–53 ns",
              "ConversationWindowBenchmark",
              "appendTrim",
              null));

  static String sideBySide(List<Row> rows) {
    StringBuilder sb =
        new StringBuilder("\n## Same workload, reference implementation vs this bot\n\n");
    sb.append("| workload | reference (TypeScript, Node 20) | this bot |\n|---|---|---|\n");
    for (Comparable c : COMPARABLE) {
      Row match = null;
      for (Row r : rows) {
        if (r.clazz().equals(c.clazz())
            && r.method().equals(c.method())
            && (c.param() == null || r.params().containsValue(c.param()))) {
          match = r;
        }
      }
      sb.append("| ")
          .append(c.workload())
          .append(" | ")
          .append(c.reference())
          .append(" | ")
          .append(match == null ? "not run" : fmt(match))
          .append(" |\n");
    }
    return sb.toString();
  }

  /** The baseline with the same parameters, preferring one whose name ends like the method's. */
  static Row pair(Row opt, List<Row> all) {
    Row best = null;
    int bestSuffix = -1;
    String name = opt.method().toLowerCase(Locale.ROOT);
    for (Row r : all) {
      if (!r.baseline() || !r.params().equals(opt.params()) || !r.mode().equals(opt.mode())) {
        continue;
      }
      String suffix = r.method().substring("baseline".length()).toLowerCase(Locale.ROOT);
      // The longest baseline name the method ends with wins: durableCheck ↔ baselineDurableCheck.
      int score = !suffix.isEmpty() && name.endsWith(suffix) ? suffix.length() : 0;
      if (score > bestSuffix) {
        best = r;
        bestSuffix = score;
      }
    }
    return best;
  }

  static String ratio(Row opt, Row base) {
    return String.format(Locale.ROOT, "%.1f×", ratioValue(opt, base));
  }

  static double ratioValue(Row opt, Row base) {
    return opt.higherIsBetter() ? opt.score() / base.score() : base.score() / opt.score();
  }

  static String fmt(Row r) {
    String err = Double.isNaN(r.error()) ? "" : String.format(Locale.ROOT, " ± %s", num(r.error()));
    return num(r.score()) + err + " " + r.unit();
  }

  static String alloc(Row r) {
    return Double.isNaN(r.allocBytes())
        ? "–"
        : String.format(Locale.ROOT, "%.0f B", r.allocBytes());
  }

  static String num(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** The reference figures table, copied from BENCHMARKS.md. */
  static String referenceTable(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    boolean inTable = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("| workload")) {
        inTable = true;
      }
      if (inTable) {
        if (!line.startsWith("|")) {
          break;
        }
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  static String splice(String existing, String generated) {
    int b = existing.indexOf(BEGIN);
    int e = existing.indexOf(END);
    if (b >= 0 && e > b) {
      return existing.substring(0, b) + generated.strip() + existing.substring(e + END.length());
    }
    String head = existing.isEmpty() ? "# Performance\n\n" : existing.stripTrailing() + "\n\n";
    return head + generated;
  }
}
