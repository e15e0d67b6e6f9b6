package dev.llmbot.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests. It rejects what
 * Prometheus itself would reject and a few things it tolerates but that signal a bug here:
 *
 * <ul>
 *   <li>metric and label names must match the format's grammar; label values must be quoted with
 *       only the \\, \" and \n escapes; values must be floats, NaN or ±Inf;
 *   <li>{@code # HELP} and {@code # TYPE} at most once per family, {@code # TYPE} before the
 *       family's first sample, types from the format's list;
 *   <li>a family's samples are contiguous and every sample belongs to the family declared before it
 *       (with the suffixes its type allows);
 *   <li>no duplicate series, no duplicate label within a series;
 *   <li>histograms: every series has {@code _bucket} lines with an {@code le} label, increasing
 *       bounds, non-decreasing cumulative counts, a {@code +Inf} bucket equal to {@code _count}.
 * </ul>
 */
final class PrometheusText {
  static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: its declared type and help, and its samples. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  private PrometheusText() {}

  /** Parses {@code text}; throws IllegalArgumentException naming the line on any violation. */
  static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> closed = new HashSet<>();
    Set<String> series = new HashSet<>();
    Map<String, String> helps = new HashMap<>();
    String current = null;
    String[] lines = text.split("\n", -1);
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a newline");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + ": " + line;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[0].equals("#") && parts[1].equals("HELP")) {
          String name = requireName(parts[2], where);
          if (helps.put(name, parts.length == 4 ? parts[3] : "") != null) {
            throw new IllegalArgumentException("second HELP for " + name + " at " + where);
          }
          checkHelpEscapes(parts.length == 4 ? parts[3] : "", where);
          current = switchFamily(current, name, closed, where);
          families.computeIfAbsent(name, n -> new Family(n, null, null, new ArrayList<>()));
        } else if (parts.length >= 3 && parts[0].equals("#") && parts[1].equals("TYPE")) {
          String name = requireName(parts[2], where);
          if (parts.length != 4 || !TYPES.contains(parts[3])) {
            throw new IllegalArgumentException("bad TYPE at " + where);
          }
          Family f = families.get(name);
          if (f != null && (f.type() != null || !f.samples().isEmpty())) {
            throw new IllegalArgumentException(
                "TYPE too late or twice for " + name + " at " + where);
          }
          current = switchFamily(current, name, closed, where);
          families.put(
              name,
              new Family(
                  name, parts[3], helps.get(name), f == null ? new ArrayList<>() : f.samples()));
        }
        // Any other comment is allowed and ignored.
        continue;
      }
      Sample s = parseSample(line, where);
      String family = familyOf(s.name(), families);
      if (family == null) {
        throw new IllegalArgumentException("sample without a declared family at " + where);
      }
      if (!family.equals(current)) {
        current = switchFamily(current, family, closed, where);
      }
      Map<String, String> sorted = new java.util.TreeMap<>(s.labels());
      if (!series.add(s.name() + sorted)) {
        throw new IllegalArgumentException("duplicate series at " + where);
      }
      families.get(family).samples().add(s);
    }
    Map<String, Family> result = new LinkedHashMap<>();
    for (Family f : families.values()) {
      Family complete = new Family(f.name(), f.type(), helps.get(f.name()), f.samples());
      if ("histogram".equals(complete.type())) {
        checkHistogram(complete);
      }
      result.put(f.name(), complete);
    }
    return Collections.unmodifiableMap(result);
  }

  private static String switchFamily(
      String current, String next, Set<String> closed, String where) {
    if (next.equals(current)) {
      return current;
    }
    if (current != null) {
      closed.add(current);
    }
    if (closed.contains(next)) {
      throw new IllegalArgumentException("family " + next + " is not contiguous at " + where);
    }
    return next;
  }

  /** The declared family a sample name belongs to, given the suffixes each type allows. */
  private static String familyOf(String sample, Map<String, Family> families) {
    Family exact = families.get(sample);
    if (exact != null && exact.type() != null && !exact.type().equals("histogram")) {
      return sample;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        Family f = families.get(base);
        if (f != null && ("histogram".equals(f.type()) || "summary".equals(f.type()))) {
          if (suffix.equals("_bucket") && !"histogram".equals(f.type())) {
            return null;
          }
          return base;
        }
      }
    }
    return null;
  }

  private static String requireName(String name, String where) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad metric name at " + where);
    }
    return name;
  }

  private static void checkHelpEscapes(String help, String where) {
    for (int i = 0; i < help.length(); i++) {
      if (help.charAt(i) == '\\') {
        if (i + 1 >= help.length() || (help.charAt(i + 1) != '\\' && help.charAt(i + 1) != 'n')) {
          throw new IllegalArgumentException("bad escape in HELP at " + where);
        }
        i++;
      }
    }
  }

  private static Sample parseSample(String line, String where) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = requireName(line.substring(0, i), where);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        if (i < line.length() && line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0) {
          throw new IllegalArgumentException("bad label set at " + where);
        }
        String label = line.substring(i, eq);
        if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
          throw new IllegalArgumentException("bad label name '" + label + "' at " + where);
        }
        i = eq + 1;
        if (i >= line.length() || line.charAt(i) != '"') {
          throw new IllegalArgumentException("unquoted label value at " + where);
        }
        i++;
        StringBuilder value = new StringBuilder();
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("unterminated label value at " + where);
          }
          char c = line.charAt(i++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            char e = i < line.length() ? line.charAt(i++) : 0;
            switch (e) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> throw new IllegalArgumentException("bad escape at " + where);
            }
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw new IllegalArgumentException("duplicate label " + label + " at " + where);
        }
        if (i < line.length() && line.charAt(i) == ',') {
          i++;
        } else if (i >= line.length() || line.charAt(i) != '}') {
          throw new IllegalArgumentException("expected , or } at " + where);
        }
      }
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new IllegalArgumentException("expected one space before the value at " + where);
    }
    String[] rest = line.substring(i + 1).split(" ", -1);
    if (rest.length < 1 || rest.length > 2) {
      throw new IllegalArgumentException("expected value [timestamp] at " + where);
    }
    double value = parseValue(rest[0], where);
    if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
      throw new IllegalArgumentException("bad timestamp at " + where);
    }
    return new Sample(name, Collections.unmodifiableMap(labels), value);
  }

  static double parseValue(String text, String where) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
          throw new IllegalArgumentException("bad value '" + text + "' at " + where);
        }
        return Double.parseDouble(text);
    }
  }

  private static void checkHistogram(Family f) {
    Map<Map<String, String>, List<double[]>> buckets = new HashMap<>();
    Map<Map<String, String>, Double> counts = new HashMap<>();
    for (Sample s : f.samples()) {
      Map<String, String> base = new java.util.TreeMap<>(s.labels());
      if (s.name().endsWith("_bucket")) {
        String le = base.remove("le");
        if (le == null) {
          throw new IllegalArgumentException("bucket without le in " + f.name());
        }
        buckets
            .computeIfAbsent(base, k -> new ArrayList<>())
            .add(new double[] {parseValue(le, f.name()), s.value()});
      } else if (s.name().endsWith("_count")) {
        counts.put(base, s.value());
      }
    }
    if (buckets.isEmpty()) {
      throw new IllegalArgumentException("histogram " + f.name() + " has no buckets");
    }
    buckets.forEach(
        (labels, list) -> {
          double lastBound = Double.NEGATIVE_INFINITY;
          double lastCount = 0;
          for (double[] b : list) {
            if (b[0] <= lastBound || b[1] < lastCount) {
              throw new IllegalArgumentException("buckets out of order in " + f.name() + labels);
            }
            lastBound = b[0];
            lastCount = b[1];
          }
          if (lastBound != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no +Inf bucket in " + f.name() + labels);
          }
          Double count = counts.get(labels);
          if (count == null || count != lastCount) {
            throw new IllegalArgumentException("+Inf bucket != _count in " + f.name() + labels);
          }
        });
  }

  /** Every sample name in the exposition (family names plus _bucket/_count/_sum/_max...). */
  static Set<String> sampleNames(Map<String, Family> families) {
    Set<String> names = new HashSet<>();
    families.values().forEach(f -> f.samples().forEach(s -> names.add(s.name())));
    return names;
  }
}
