package com.penguinmails.webhooks.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes the suite's figures as {@code report.md} and its charts as PNGs next to it. */
final class SuiteReport {

    private SuiteReport() {
    }

    static void write(Path out, Map<String, String> options, List<Result> results, Map<String, String> memory,
                      List<double[]> memorySamples) throws IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark suite\n\n");
        md.append("- command: `bench/suite.sh").append(options.containsKey("args") ? " " + options.get("args") : "").append("`\n");
        md.append("- ").append(options.getOrDefault("machine", "machine: ?")).append("\n");
        md.append("- measured: ").append(options.getOrDefault("seconds", "60")).append(" s per scenario after ")
                .append(options.getOrDefault("warmup", "15")).append(" s of warm-up; latency from the event's submission to ingest ")
                .append("(a timestamp in the event) to its receipt, HdrHistogram\n");
        md.append("- everything on this machine: Kafka, PostgreSQL, management-api, event-ingest and the retry scheduler (one JVM), ")
                .append("the dispatcher(s) (a JVM each, ").append(options.getOrDefault("dispatcher-jvm", "-Xmx384m")).append("), ")
                .append("and this bench with its receivers (one JVM)\n\n");

        md.append("| scenario | offered | events | deliveries expected | received | duplicates | lost | deliveries/s (window) | p50 ms | p99 ms | p99.9 ms | max ms | machine busy | notes |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format("| %s | %s | %,d | %,d | %,d | %,d | %,d | **%,.0f** | %.1f | %.1f | %.1f | %.1f | %.0f %% | %s |%n",
                    r.scenario(), r.offered(), r.events(), r.expected(), r.received(), r.duplicates(), r.lost(), r.perSecond(),
                    r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9), r.maxMillis(), r.machineBusy() * 100, r.note()));
        }
        md.append("\n");
        if (!memory.isEmpty()) {
            md.append("## Memory (scenario 6)\n\n| what | figure |\n|---|---|\n");
            memory.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            md.append("\n");
        }
        md.append("## Goals\n\n");
        goals(md, results, memory);
        md.append("\n![throughput](throughput.png)\n![latency](latency.png)\n![timeline](timeline.png)\n");
        if (!memorySamples.isEmpty()) {
            md.append("![memory](memory.png)\n");
        }
        Files.writeString(out.resolve("report.md"), md);
        charts(out, results, memorySamples);
    }

    private static void goals(StringBuilder md, List<Result> results, Map<String, String> memory) {
        Result ceiling = find(results, "ceiling");
        Result throughput = find(results, "throughput");
        Result latency = find(results, "latency");
        Result isolation = find(results, "isolation (max load)");
        if (throughput != null) {
            md.append(String.format("- ≥ 3,000 signed deliveries/s: %,.0f/s, %s%n", throughput.perSecond(), throughput.perSecond() >= 3000 ? "met" : "missed"));
        }
        if (throughput != null && ceiling != null) {
            double ratio = throughput.perSecond() / ceiling.perSecond();
            md.append(String.format("- ≥ 70 %% of the raw ceiling (%,.0f/s): %.0f %%, %s%n", ceiling.perSecond(), ratio * 100, ratio >= 0.7 ? "met" : "missed"));
        }
        if (latency != null) {
            md.append(String.format("- p99 ≤ 100 ms at 1,000 events/s: %.1f ms, %s%n", latency.percentileMillis(99), latency.percentileMillis(99) <= 100 ? "met" : "missed"));
        }
        if (isolation != null && throughput != null) {
            double kept = isolation.perSecond() / throughput.perSecond();
            md.append(String.format("- isolation keeps ≥ 90 %% of healthy throughput: %.0f %%, %s%n", kept * 100, kept >= 0.9 ? "met" : "missed"));
        }
        String peak = memory.get("working the backlog: peak RSS / peak heap used");
        if (peak != null) {
            double rss = Double.parseDouble(peak.substring(0, peak.indexOf(' ')));
            md.append(String.format("- dispatcher RSS ≤ 512 MB in scenario 6: %.0f MiB peak, %s%n", rss, rss <= 512 ? "met" : "missed"));
        }
        long lost = results.stream().mapToLong(Result::lost).sum();
        md.append(String.format("- deliveries lost over all scenarios: %,d%n", lost));
    }

    private static Result find(List<Result> results, String scenario) {
        return results.stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElse(null);
    }

    private static void charts(Path out, List<Result> results, List<double[]> memorySamples) throws IOException {
        CategoryChart bars = new CategoryChartBuilder().width(1000).height(500).title("Deliveries per second in the measured window")
                .yAxisTitle("deliveries/s").build();
        bars.getStyler().setLegendVisible(false);
        bars.getStyler().setXAxisLabelRotation(30);
        bars.addSeries("deliveries/s", results.stream().map(Result::scenario).toList(), results.stream().map(Result::perSecond).toList());
        BitmapEncoder.saveBitmap(bars, out.resolve("throughput.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart latency = new XYChartBuilder().width(1000).height(500).title("Latency by percentile (submission → receipt)")
                .xAxisTitle("percentile (nines)").yAxisTitle("ms").build();
        latency.getStyler().setYAxisLogarithmic(true);
        latency.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (Result r : results) {
            if (r.latency() == null || r.latency().getTotalCount() == 0 || r.scenario().equals("ceiling")) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : r.latency().percentiles(5)) {
                double percentile = Math.min(v.getPercentileLevelIteratedTo(), 99.999);
                x.add(-Math.log10(1 - percentile / 100));
                y.add(Math.max(0.1, v.getValueIteratedTo() / 1000.0));
            }
            latency.addSeries(r.scenario(), x, y);
        }
        if (!latency.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(latency, out.resolve("latency.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }

        XYChart timeline = new XYChartBuilder().width(1000).height(500).title("Deliveries received each second")
                .xAxisTitle("seconds from the scenario's start").yAxisTitle("deliveries/s").build();
        for (Result r : results) {
            if (r.timeline() == null || r.timeline().length == 0) {
                continue;
            }
            int last = r.timeline().length;
            while (last > 1 && r.timeline()[last - 1] == 0) {
                last--;
            }
            List<Integer> x = new ArrayList<>();
            List<Long> y = new ArrayList<>();
            for (int s = 0; s < last; s++) {
                x.add(s);
                y.add(r.timeline()[s]);
            }
            timeline.addSeries(r.scenario(), x, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        if (!timeline.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(timeline, out.resolve("timeline.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }

        if (!memorySamples.isEmpty()) {
            XYChart memory = new XYChartBuilder().width(1000).height(500).title("Dispatcher memory while it works a 1,000,000-event backlog")
                    .xAxisTitle("seconds after start").yAxisTitle("MiB").build();
            memory.addSeries("RSS", memorySamples.stream().map(s -> s[0]).toList(), memorySamples.stream().map(s -> s[1]).toList());
            memory.addSeries("heap used", memorySamples.stream().map(s -> s[0]).toList(), memorySamples.stream().map(s -> s[2]).toList());
            BitmapEncoder.saveBitmap(memory, out.resolve("memory.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
