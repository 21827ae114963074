package org.cairn.article;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Range;

/** Percentages stated in a claim ("approximately 30%", "≥ 50%", "40–50% of patients") as statistics. */
final class ClaimFigures {

	private static final Pattern PERCENT = Pattern.compile(
			"(?<qualifier>(?:approximately|about|around|nearly|roughly|over|under|up to|≥|≤|>|<)\\s*)?"
					+ "(?<low>\\d+(?:\\.\\d+)?)(?:\\s*[–-]\\s*(?<high>\\d+(?:\\.\\d+)?))?\\s?%");

	private ClaimFigures() {}

	static List<Evidence.EvidenceStatisticComponent> statistics(String claim) {
		List<Evidence.EvidenceStatisticComponent> statistics = new ArrayList<>();
		Matcher matcher = PERCENT.matcher(claim);
		while (matcher.find()) {
			Evidence.EvidenceStatisticComponent statistic = new Evidence.EvidenceStatisticComponent();
			statistic.setDescription(matcher.group().strip());
			if (matcher.group("high") != null) {
				statistic.addAttributeEstimate()
						.setDescription(matcher.group().strip())
						.setRange(new Range()
								.setLow(percent(matcher.group("low")))
								.setHigh(percent(matcher.group("high"))));
			} else {
				Quantity quantity = percent(matcher.group("low"));
				String qualifier = matcher.group("qualifier") == null ? "" : matcher.group("qualifier").strip();
				switch (qualifier) {
					case "≥" -> quantity.setComparator(Enumerations.QuantityComparator.GREATER_OR_EQUAL);
					case "≤", "up to" -> quantity.setComparator(Enumerations.QuantityComparator.LESS_OR_EQUAL);
					case ">", "over" -> quantity.setComparator(Enumerations.QuantityComparator.GREATER_THAN);
					case "<", "under" -> quantity.setComparator(Enumerations.QuantityComparator.LESS_THAN);
					default -> {}
				}
				statistic.setQuantity(quantity);
			}
			statistics.add(statistic);
		}
		return statistics;
	}

	private static Quantity percent(String value) {
		return new Quantity()
				.setValue(new BigDecimal(value))
				.setUnit("%")
				.setSystem("http://unitsofmeasure.org")
				.setCode("%");
	}
}
