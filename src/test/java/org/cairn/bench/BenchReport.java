package org.cairn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run, per server, with the ratio Cairn/baseline and how many times
 * better Cairn is (above 1 is better, whichever way the figure runs).
 */
final class BenchReport {

	/** A measured quantity; {@code higherIsBetter} decides which way "better" points. */
	record Figure(String name, String unit, boolean higherIsBetter) {}

	private final Map<Figure, Map<String, Double>> values = new LinkedHashMap<>();
	private final Map<String, Object> settings = new LinkedHashMap<>();
	private final List<String> notes = new ArrayList<>();

	void setting(String name, Object value) {
		settings.put(name, value);
	}

	void note(String note) {
		notes.add(note);
	}

	void put(String server, String name, String unit, boolean higherIsBetter, double value) {
		values.computeIfAbsent(new Figure(name, unit, higherIsBetter), f -> new LinkedHashMap<>()).put(server, value);
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "| %-64s | %-9s | %10s | %10s | %10s | %8s |%n",
				"figure", "unit", "Cairn", "baseline", "Cairn/base", "× better"));
		out.append("|").append("-".repeat(66)).append("|").append("-".repeat(11)).append("|")
				.append("-".repeat(12)).append("|").append("-".repeat(12)).append("|")
				.append("-".repeat(12)).append("|").append("-".repeat(10)).append("|\n");
		values.forEach((figure, byServer) -> {
			Double cairn = byServer.get("cairn");
			Double baseline = byServer.get("baseline");
			out.append(String.format(Locale.ROOT, "| %-64s | %-9s | %10s | %10s | %10s | %8s |%n",
					figure.name(), figure.unit(), number(cairn), number(baseline),
					number(ratio(cairn, baseline)), number(timesBetter(figure, cairn, baseline))));
		});
		notes.forEach(note -> out.append("\n").append(note));
		return out.toString();
	}

	void write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("settings", settings);
		List<Map<String, Object>> figures = new ArrayList<>();
		values.forEach((figure, byServer) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("name", figure.name());
			row.put("unit", figure.unit());
			row.put("higherIsBetter", figure.higherIsBetter());
			row.putAll(byServer);
			row.put("cairnOverBaseline", ratio(byServer.get("cairn"), byServer.get("baseline")));
			row.put("timesBetter", timesBetter(figure, byServer.get("cairn"), byServer.get("baseline")));
			figures.add(row);
		});
		json.put("figures", figures);
		json.put("notes", notes);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
		Files.writeString(dir.resolve("results.md"), table());
	}

	private static Double ratio(Double cairn, Double baseline) {
		return cairn == null || baseline == null || baseline == 0 ? null : cairn / baseline;
	}

	private static Double timesBetter(Figure figure, Double cairn, Double baseline) {
		Double ratio = ratio(cairn, baseline);
		if (ratio == null || ratio == 0) {
			return null;
		}
		return figure.higherIsBetter() ? ratio : 1 / ratio;
	}

	private static String number(Double value) {
		if (value == null) {
			return "–";
		}
		return Math.abs(value) >= 100 || value == Math.rint(value)
				? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}
}
