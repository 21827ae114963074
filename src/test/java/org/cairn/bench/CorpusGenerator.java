package org.cairn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.cairn.article.Article;
import org.cairn.article.MarkdownArticleWriter;

/**
 * Deterministic generator of realistic synthetic topic-summary articles, in the two layouts Cairn
 * reads: page text ({@code .txt}, read by {@code PageTextParser}) and Markdown with front matter
 * ({@code .md}, read by {@code MarkdownArticleParser}). For benchmarks and tests.
 *
 * <p>Every article is derived from {@code (seed, index)} alone, so any article can be generated on
 * its own and nothing is held in memory: a corpus of any size is streamed. Cited works come from a
 * shared pool ({@code max(300, 2 × articleCount)} works); each work is derived from
 * {@code (seed, work id)} alone and so reads identically in every article that cites it. Works
 * are grouped by condition and drawn with a Zipf-like popularity (a condition's main guideline is
 * cited by most articles on that condition; most works by one or two).
 *
 * <p>The page-text slug of an article is derived from the first 48 characters of its question, so
 * every question starts with its condition and the article's index ("Gout, case 1234: ..."),
 * which keeps those slugs unique. The Markdown slug is {@code gen-<index>-<condition>}.
 *
 * <p>Run: {@code java ... org.cairn.bench.CorpusGenerator [COUNT [OUT_DIR [SEED]]]}
 * (defaults 10000, target/corpus, 42).
 */
public final class CorpusGenerator {

	private static final long ARTICLE_SALT = 0x5DEECE66DL;
	private static final long WORK_SALT = 0x2545F4914F6CDD1DL;
	private static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
	private static final int MAX_SLUG = 48;

	private final long seed;
	private final int articleCount;
	private final int poolSize;

	public CorpusGenerator(long seed, int articleCount) {
		if (articleCount < 0) {
			throw new IllegalArgumentException("articleCount must not be negative: " + articleCount);
		}
		this.seed = seed;
		this.articleCount = articleCount;
		this.poolSize = Math.max(300, articleCount * 2);
	}

	public int articleCount() {
		return articleCount;
	}

	/** How many works the shared reference pool holds; work ids are 0 .. poolSize - 1. */
	public int poolSize() {
		return poolSize;
	}

	/** Article {@code index} in the page-text layout. */
	public String pageText(int index) {
		return renderPageText(model(index));
	}

	/** Article {@code index} in the Markdown layout. */
	public String markdown(int index) {
		return renderMarkdown(model(index));
	}

	/** About half the corpus is Markdown: the odd indexes. */
	public boolean isMarkdown(int index) {
		return index % 2 == 1;
	}

	/** The article in the layout {@link #isMarkdown} chooses for it. */
	public String text(int index) {
		return isMarkdown(index) ? markdown(index) : pageText(index);
	}

	public String fileName(int index) {
		return String.format(Locale.ROOT, "article-%06d.%s", index, isMarkdown(index) ? "md" : "txt");
	}

	/** Ids of the pool works article {@code index} cites, in the order of its reference list. */
	public int[] citedWorks(int index) {
		return model(index).references.stream().mapToInt(work -> work.id).toArray();
	}

	public static void main(String[] args) throws IOException {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		Path out = Path.of(args.length > 1 ? args[1] : "target/corpus");
		long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
		long start = System.nanoTime();
		CorpusGenerator generator = new CorpusGenerator(seed, count);
		Files.createDirectories(out);
		AtomicIntegerArray citations = new AtomicIntegerArray(generator.poolSize());
		IntStream.range(0, count).parallel().forEach(index -> {
			Model article = generator.model(index);
			for (Work work : article.references) {
				citations.incrementAndGet(work.id);
			}
			String text = generator.isMarkdown(index) ? renderMarkdown(article) : renderPageText(article);
			try {
				Files.writeString(out.resolve(generator.fileName(index)), text, StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		int used = 0;
		int popular = 0;
		int most = 0;
		for (int i = 0; i < citations.length(); i++) {
			int n = citations.get(i);
			used += n > 0 ? 1 : 0;
			popular += n > 10 ? 1 : 0;
			most = Math.max(most, n);
		}
		long elapsed = (System.nanoTime() - start) / 1_000_000;
		System.out.printf(Locale.ROOT,
				"%d articles (%d Markdown, %d page text) in %s, seed %d: %d distinct works used of %d in the pool,"
						+ " %d cited by >10 articles, most-cited %d; %d ms%n",
				count, count / 2, count - count / 2, out, seed, used, generator.poolSize(), popular, most, elapsed);
	}

	// ------------------------------------------------------------------------------------------
	// The model of one article

	private record Work(int id, String kind, String title, String source, int year, String pmid, String doi) {}

	private record Claim(String text, int[] refs, boolean period, char end) {}

	private record Section(String heading, Claim lead, List<Claim> bullets) {}

	private record Part(String title, List<Section> sections) {}

	private record Model(
			int index,
			Condition condition,
			String question,
			LocalDate lastUpdated,
			String reviewStatus,
			boolean patientAudience,
			List<String> authors,
			List<String> reviewers,
			List<Part> parts,
			List<Work> references,
			String disclaimer,
			String promo) {}

	private static final String[] PART_TITLES = {
		"From the Guidelines", "From the Research", "From the Systematic Reviews", "From the Expert Consensus"
	};

	private Model model(int index) {
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative: " + index);
		}
		SplittableRandom r = random(index, ARTICLE_SALT);
		Condition condition = CONDITIONS[r.nextInt(CONDITIONS.length)];
		Text text = new Text(condition, r);

		String question = condition.questionName + ", case " + index + ": "
				+ text.fillLower(pick(r, QUESTIONS), r) + "?";
		LocalDate lastUpdated = LocalDate.of(2021, 1, 1).plusDays(r.nextInt(5 * 365));
		double statusRoll = r.nextDouble();
		String status = statusRoll < 0.6 ? "approved" : statusRoll < 0.85 ? "under-review" : "submitted";
		boolean patientAudience = r.nextDouble() < 0.1;
		List<String> authors = people(r, 1 + r.nextInt(3));
		List<String> reviewers = people(r, 1 + r.nextInt(2));

		// Which parts, in canonical order; the first is always "From the ..." (Guidelines or Research).
		int partCount = weighted(r, 0, 0, 45, 40, 15);
		boolean[] chosen = new boolean[4];
		chosen[r.nextDouble() < 0.7 ? 0 : 1] = true;
		for (int have = 1; have < partCount; ) {
			int p = r.nextInt(4);
			if (!chosen[p]) {
				chosen[p] = true;
				have++;
			}
		}

		// Skeleton: per part an optional intro lead, then 1-3 headed sections of optional lead + 1-5 bullets.
		List<int[]> shape = new ArrayList<>(); // per section: {part, headed 0/1, lead 0/1, bullets}
		for (int p = 0; p < 4; p++) {
			if (!chosen[p]) {
				continue;
			}
			if (r.nextDouble() < 0.35) {
				shape.add(new int[] {p, 0, 1, 0});
			}
			int sections = weighted(r, 0, 45, 40, 15);
			for (int s = 0; s < sections; s++) {
				shape.add(new int[] {p, 1, r.nextDouble() < 0.25 ? 1 : 0, weighted(r, 0, 25, 35, 25, 10, 5)});
			}
		}
		// 3 to 20 claims in all (lead sentences count as claims); a long article is cut to 15-20.
		int most = claimCount(shape) > 20 ? 20 - r.nextInt(6) : 20;
		while (claimCount(shape) > most) {
			int[] biggest = shape.get(0);
			for (int[] s : shape) {
				if (s[3] > biggest[3]) {
					biggest = s;
				}
			}
			if (biggest[3] > 1) {
				biggest[3]--;
			} else {
				for (int[] s : shape) {
					if (s[2] == 1 && s[3] > 0) {
						s[2] = 0;
						break;
					}
				}
			}
		}
		while (claimCount(shape) < 3) {
			int[] s = shape.get(r.nextInt(shape.size()));
			if (s[1] == 1 && s[3] < 5) {
				s[3]++;
			}
		}

		// Which lead sentences cite, then how many references, then who cites what.
		int claims = claimCount(shape);
		boolean[] cites = new boolean[claims];
		int citing = 0;
		int k = 0;
		for (int[] s : shape) {
			if (s[2] == 1) {
				cites[k] = r.nextDouble() < 0.6;
				citing += cites[k] ? 1 : 0;
				k++;
			}
			for (int b = 0; b < s[3]; b++) {
				cites[k++] = true;
				citing++;
			}
		}
		int referenceCount = Math.max(3, Math.min(3 + r.nextInt(7) + r.nextInt(7), 3 * citing));
		int[][] refs = citations(r, cites, referenceCount);

		List<Work> references = works(r, condition.index, referenceCount);

		List<Part> parts = new ArrayList<>();
		List<Section> sections = null;
		int currentPart = -1;
		List<String> headings = new ArrayList<>();
		List<String> usedTemplates = new ArrayList<>();
		k = 0;
		for (int[] s : shape) {
			if (s[0] != currentPart) {
				currentPart = s[0];
				sections = new ArrayList<>();
				parts.add(new Part(PART_TITLES[currentPart], sections));
			}
			String heading = null;
			if (s[1] == 1) {
				String[] pool = HEADINGS[currentPart];
				do {
					heading = text.fill(pick(r, pool), r);
				} while (headings.contains(heading));
				headings.add(heading);
			}
			Claim lead = null;
			if (s[2] == 1) {
				String sentence = text.fill(pick(r, LEADS[currentPart]), r);
				char end = s[3] > 0 && r.nextDouble() < 0.6 ? ':' : '.';
				lead = new Claim(sentence, refs[k], r.nextDouble() < 0.5, end);
				k++;
			}
			List<Claim> bullets = new ArrayList<>();
			for (int b = 0; b < s[3]; b++) {
				// no template twice in one article; after many tries any part's templates will do
				String template;
				int tries = 0;
				do {
					String[] pool = r.nextDouble() < 0.33 ? PERCENT_CLAIMS
							: CLAIMS[tries++ < 50 ? currentPart : r.nextInt(CLAIMS.length)];
					template = pick(r, pool);
				} while (usedTemplates.contains(template) && tries < 500);
				usedTemplates.add(template);
				bullets.add(new Claim(text.fill(template, r), refs[k], r.nextDouble() < 0.5, '.'));
				k++;
			}
			sections.add(new Section(heading, lead, bullets));
		}

		return new Model(index, condition, question, lastUpdated, status, patientAudience, authors, reviewers, parts,
				references, pick(r, DISCLAIMERS), pick(r, PROMOS));
	}

	private static int claimCount(List<int[]> shape) {
		int n = 0;
		for (int[] s : shape) {
			n += s[2] + s[3];
		}
		return n;
	}

	/**
	 * Reference numbers for each claim (null for a lead sentence that cites nothing): 1-3 per citing
	 * claim, every reference cited, numbered in the order of first citation.
	 */
	private static int[][] citations(SplittableRandom r, boolean[] cites, int n) {
		int citingTotal = 0;
		for (boolean c : cites) {
			citingTotal += c ? 1 : 0;
		}
		int[][] refs = new int[cites.length][];
		int cited = 0;
		int seen = 0;
		for (int i = 0; i < cites.length; i++) {
			if (!cites[i]) {
				continue;
			}
			int remaining = citingTotal - seen++;
			int uncited = n - cited;
			int minNew = Math.max(cited == 0 ? 1 : 0, uncited - 3 * (remaining - 1));
			double share = (double) uncited / remaining;
			int wanted = (r.nextDouble() < Math.min(1, share) ? 1 : 0) + (r.nextDouble() < share - 1 ? 1 : 0)
					+ (r.nextDouble() < share - 2 ? 1 : 0);
			int fresh = Math.max(minNew, Math.min(wanted, Math.min(3, uncited)));
			int size = Math.max(weighted(r, 0, 55, 30, 15), fresh);
			size = Math.max(1, Math.min(size, fresh + cited));
			int[] numbers = new int[size];
			for (int f = 0; f < fresh; f++) {
				numbers[f] = cited + 1 + f;
			}
			for (int o = fresh; o < size; ) {
				int candidate = 1 + r.nextInt(cited);
				if (!contains(numbers, o, candidate)) {
					numbers[o++] = candidate;
				}
			}
			Arrays.sort(numbers);
			refs[i] = numbers;
			cited += fresh;
		}
		return refs;
	}

	// ------------------------------------------------------------------------------------------
	// The shared pool of cited works

	/** Works are grouped by id modulo (conditions + 1); the last group holds general, cross-topic works. */
	private static int groupCount() {
		return CONDITIONS.length + 1;
	}

	private List<Work> works(SplittableRandom r, int condition, int n) {
		int[] ids = new int[n];
		int k = 0;
		int tries = 0;
		while (k < n) {
			double u = r.nextDouble();
			int id;
			if (tries++ > 200) {
				id = r.nextInt(poolSize);
			} else if (u < 0.80) {
				id = zipf(r, condition);
			} else if (u < 0.92) {
				id = zipf(r, CONDITIONS.length);
			} else {
				id = r.nextInt(poolSize);
			}
			if (!contains(ids, k, id)) {
				ids[k++] = id;
			}
		}
		List<Work> guidelines = new ArrayList<>();
		List<Work> research = new ArrayList<>();
		for (int id : ids) {
			Work work = work(id);
			(work.kind.equals("Guideline") ? guidelines : research).add(work);
		}
		guidelines.addAll(research);
		return guidelines;
	}

	/** A work of {@code group} with Zipf-like popularity: rank r is drawn with probability ~ 1/(r + 1.5). */
	private int zipf(SplittableRandom r, int group) {
		int groups = groupCount();
		int size = (poolSize - group + groups - 1) / groups;
		if (size <= 0) {
			return r.nextInt(poolSize);
		}
		int rank = (int) Math.floor(Math.pow(size + 1, r.nextDouble())) - 1;
		rank = Math.max(0, Math.min(size - 1, rank));
		return rank * groups + group;
	}

	/**
	 * Work {@code id}: its group (condition, or general) is {@code id % groups} and its popularity
	 * rank {@code id / groups}. Three in ten are guidelines, rank 0 (the most cited) among them. The
	 * title and source are decoded from the work's index within its group and kind, so no two works
	 * share both title and source (in corpora of up to about 200,000 articles; beyond that a few
	 * might); the year and the identifiers are drawn at random.
	 */
	private Work work(int id) {
		SplittableRandom r = random(id, WORK_SALT);
		int groups = groupCount();
		int group = id % groups;
		int rank = id / groups;
		boolean general = group == CONDITIONS.length;
		Condition condition = general ? null : CONDITIONS[group];
		int position = rank % 10;
		boolean guideline = position == 0 || position == 3 || position == 6;
		int kindIndex = guideline
				? (rank / 10) * 3 + position / 3
				: (rank / 10) * 7 + position - 1 - (position > 3 ? 1 : 0) - (position > 6 ? 1 : 0);

		TitleSpace titles = TitleSpace.of(general, guideline);
		int titleIndex = kindIndex % titles.size;
		int round = kindIndex / titles.size;
		long salt = mix(seed ^ (group * 2L + (guideline ? 1 : 0)) * 0x632BE59BD9B4E019L);
		int flat = (int) Math.floorMod(titleIndex * titles.multiplier + salt, (long) titles.size);
		int template = titles.templateOf(flat);
		Digits digits = new Digits(flat - titles.start[template], new SplittableRandom(mix(salt + template)));
		String title = titleCase(capitalised(fillTitle(titles.templates[template], condition, digits)));

		String[] sources = general ? (guideline ? GENERAL_GUIDELINE_SOURCES : GENERAL_SOURCES[1])
				: guideline ? condition.guidelineSources : condition.researchSources;
		int base = (int) Math.floorMod(mix(salt * 31 + titleIndex), (long) sources.length);
		String source = sources[(base + round) % sources.length];

		int year = 2025 - (int) Math.floor(31 * Math.pow(r.nextDouble(), 1.25));
		String pmid = null;
		String doi = null;
		double ids = r.nextDouble();
		if (ids < 0.32) {
			// bijective in id, so no two works share a PMID
			long offset = Math.floorMod(seed * 31 + 7, 90_000_000L);
			pmid = Long.toString(10_000_000L + Math.floorMod(id * 48_271L + offset, 90_000_000L));
		}
		if (ids >= 0.25 && ids < 0.40) {
			long code = Math.floorMod(id * 7_919L + seed, 10_000_000L);
			doi = String.format(Locale.ROOT, pick(r, DOI_PATTERNS), year, code);
		}
		return new Work(id, guideline ? "Guideline" : "Research", title, source, year, pmid, doi);
	}

	/** Choices taken as the digits of a number, each shifted by a fixed offset: distinct numbers, distinct choices. */
	private static class Digits {
		private long value;
		private final SplittableRandom offsets;

		Digits(long value, SplittableRandom offsets) {
			this.value = value;
			this.offsets = offsets;
		}

		int next(int n) {
			int digit = (int) (value % n);
			value /= n;
			return offsets == null ? digit : (digit + offsets.nextInt(n)) % n;
		}
	}

	/** The title templates of one kind of work, with how many distinct titles each can make. */
	private static final class TitleSpace {
		private static final TitleSpace[] ALL = {
			new TitleSpace(RESEARCH_TITLES, false), new TitleSpace(GUIDELINE_TITLES, false),
			new TitleSpace(GENERAL_RESEARCH_TITLES, true), new TitleSpace(GENERAL_GUIDELINE_TITLES, true),
		};

		final String[] templates;
		final int[] start;
		final int size;
		final long multiplier;

		private TitleSpace(String[] templates, boolean general) {
			this.templates = templates;
			this.start = new int[templates.length];
			int total = 0;
			for (int t = 0; t < templates.length; t++) {
				start[t] = total;
				long[] product = {1};
				fillTitle(templates[t], general ? null : CONDITIONS[0], new Digits(0, null) {
					@Override
					int next(int n) {
						product[0] *= n;
						return 0;
					}
				});
				total += (int) product[0];
			}
			this.size = total;
			long m = 1_000_003L;
			while (total % m == 0) {
				m += 2;
			}
			this.multiplier = m;
		}

		static TitleSpace of(boolean general, boolean guideline) {
			return ALL[(general ? 2 : 0) + (guideline ? 1 : 0)];
		}

		int templateOf(int flat) {
			int t = templates.length - 1;
			while (start[t] > flat) {
				t--;
			}
			return t;
		}
	}

	/** A title from its template; every choice comes from {@code digits}. */
	private static String fillTitle(String template, Condition condition, Digits digits) {
		StringBuilder out = new StringBuilder(template.length() + 64);
		int treatment = 0;
		int test = 0;
		int at = 0;
		while (true) {
			int open = template.indexOf('{', at);
			if (open < 0) {
				out.append(template, at, template.length());
				break;
			}
			int close = template.indexOf('}', open);
			out.append(template, at, open);
			String slot = template.substring(open + 1, close);
			String value;
			switch (slot.toLowerCase(Locale.ROOT)) {
				case "cond" -> value = condition.text;
				case "outcome" -> value = condition.outcome;
				case "tx" -> {
					treatment = digits.next(3);
					value = condition.treatments[treatment];
				}
				case "txother" -> value = condition.treatments[(treatment + 1 + digits.next(2)) % 3];
				case "test" -> {
					test = digits.next(2);
					value = condition.tests[test];
				}
				case "testother" -> value = condition.tests[1 - test];
				case "pop" -> value = TITLE_POPULATIONS[digits.next(TITLE_POPULATIONS.length)];
				case "setting" -> value = SETTINGS[digits.next(SETTINGS.length)];
				case "design" -> value = TRIAL_DESIGNS[digits.next(TRIAL_DESIGNS.length)];
				case "obs" -> value = OBSERVATIONAL_DESIGNS[digits.next(OBSERVATIONAL_DESIGNS.length)];
				case "edition" -> value = EDITIONS[digits.next(EDITIONS.length)];
				case "aspect" -> value = ASPECTS[digits.next(ASPECTS.length)];
				case "body" -> value = GUIDELINE_BODIES[digits.next(GUIDELINE_BODIES.length)];
				case "followup" -> value = FOLLOW_UPS[digits.next(FOLLOW_UPS.length)];
				default -> throw new IllegalStateException("unknown title slot {" + slot + "}");
			}
			out.append(Character.isUpperCase(slot.charAt(0)) ? capitalised(value) : value);
			at = close + 1;
		}
		return out.toString();
	}

	// ------------------------------------------------------------------------------------------
	// Rendering

	private static String renderPageText(Model a) {
		StringBuilder t = new StringBuilder(4096);
		t.append(a.question).append("\n\n");
		t.append("Medical Advisory BoardAll articles are reviewed for accuracy by our Medical Advisory Board\n");
		t.append("Educational purpose only • Exercise caution as content is pending human review\n");
		t.append("Article Review Status\nSubmitted\nUnder Review\nApproved\n\n");
		t.append("Last updated: ").append(PAGE_DATE.format(a.lastUpdated)).append("View editorial policy\n\n");
		t.append("Personalize\n\n");
		t.append("Help us tailor your experience\n\n");
		t.append("Which best describes you? Your choice helps us use language that's most understandable for you.\n\n");
		for (Part part : a.parts) {
			t.append(part.title).append("\n\n");
			for (Section section : part.sections) {
				if (section.heading != null) {
					t.append(section.heading).append("\n\n");
				}
				if (section.lead != null) {
					t.append(pageClaim(section.lead)).append("\n\n");
				}
				for (Claim bullet : section.bullets) {
					t.append("  • ").append(pageClaim(bullet)).append('\n');
				}
				if (!section.bullets.isEmpty()) {
					t.append('\n');
				}
			}
		}
		t.append("References\n\n");
		for (Work work : a.references) {
			t.append(work.kind).append("\n\n");
			t.append(work.title).append("\n\n");
			t.append(work.source).append(", ").append(work.year).append("\n\n");
		}
		t.append("Professional Medical Disclaimer\n\n").append(a.disclaimer).append("\n\n");
		t.append("Have a follow-up question?\n\n").append(a.promo).append('\n');
		return t.toString();
	}

	/** "text 1." or "text 2, 5"; a lead sentence without references ends with "." or ":". */
	private static String pageClaim(Claim claim) {
		if (claim.refs == null) {
			return claim.text + claim.end;
		}
		return claim.text + " " + numbers(claim.refs) + (claim.period ? "." : "");
	}

	/** Markdown is written by Cairn's own writer, from the article the model describes. */
	private static String renderMarkdown(Model a) {
		return MarkdownArticleWriter.write(article(a));
	}

	private static Article article(Model a) {
		Condition c = a.condition;
		List<Article.Part> parts = new ArrayList<>();
		for (Part part : a.parts) {
			List<Article.Section> sections = new ArrayList<>();
			for (Section section : part.sections) {
				List<Article.Claim> claims = new ArrayList<>();
				if (section.lead != null) {
					claims.add(claim(section.lead, false));
				}
				for (Claim bullet : section.bullets) {
					claims.add(claim(bullet, true));
				}
				sections.add(new Article.Section(section.heading, claims));
			}
			parts.add(new Article.Part(part.title, null, sections));
		}
		List<Article.CitedWork> references = new ArrayList<>();
		for (int i = 0; i < a.references.size(); i++) {
			Work work = a.references.get(i);
			references.add(new Article.CitedWork(
					i + 1, work.kind.toLowerCase(Locale.ROOT), work.title, work.source, work.year, work.pmid, work.doi, 0));
		}
		return new Article(
				markdownSlug(a.index, c),
				a.question,
				"1.0.0",
				a.lastUpdated,
				a.reviewStatus,
				a.patientAudience ? List.of("clinician", "patient") : List.of("clinician"),
				List.of(
						new Article.Topic("http://snomed.info/sct", c.snomed, c.display),
						new Article.Topic("http://hl7.org/fhir/sid/icd-10-cm", c.icd, c.display)),
				a.authors,
				a.reviewers,
				parts,
				references,
				a.disclaimer);
	}

	/** The claim as the parsers read it: a period written after the numbers belongs to the text. */
	private static Article.Claim claim(Claim claim, boolean bullet) {
		if (claim.refs == null) {
			return new Article.Claim(claim.text + claim.end, List.of(), bullet, 0);
		}
		return new Article.Claim(
				claim.text + (claim.period ? "." : ""), Arrays.stream(claim.refs).boxed().toList(), bullet, 0);
	}

	private static String numbers(int[] refs) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < refs.length; i++) {
			s.append(i == 0 ? "" : ", ").append(refs[i]);
		}
		return s.toString();
	}

	/** "gen-<index>-<condition>", at most 48 characters, cut at a dash. */
	private static String markdownSlug(int index, Condition condition) {
		String prefix = "gen-" + index;
		String slug = prefix + "-" + slugOf(condition.display);
		while (slug.length() > MAX_SLUG && slug.lastIndexOf('-') > prefix.length()) {
			slug = slug.substring(0, slug.lastIndexOf('-'));
		}
		return slug;
	}

	private static String slugOf(String text) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
	}

	// ------------------------------------------------------------------------------------------
	// Randomness

	private SplittableRandom random(long index, long salt) {
		return new SplittableRandom(mix(mix(seed ^ salt) + index * 0x9E3779B97F4A7C15L));
	}

	/** SplitMix64's finaliser. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** An index drawn with the given weights (weights[i] for i). */
	private static int weighted(SplittableRandom r, int... weights) {
		int total = 0;
		for (int w : weights) {
			total += w;
		}
		int roll = r.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			roll -= weights[i];
			if (roll < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static <T> T pick(SplittableRandom r, T[] values) {
		return values[r.nextInt(values.length)];
	}

	private static boolean contains(int[] values, int length, int value) {
		for (int i = 0; i < length; i++) {
			if (values[i] == value) {
				return true;
			}
		}
		return false;
	}

	private static List<String> people(SplittableRandom r, int n) {
		List<String> names = new ArrayList<>(n);
		while (names.size() < n) {
			String name = (r.nextDouble() < 0.8 ? "Dr. " : "") + pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES);
			if (!names.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	// ------------------------------------------------------------------------------------------
	// Sentence templates

	/**
	 * Fills {@code {slot}} placeholders; {@code {Slot}} capitalises the first letter. Slots: cond,
	 * pop, aspect, tx0-2, test0-1, outcome, dur, pct, setting, design, obs, edition.
	 */
	private static final class Text {
		private final Condition condition;
		private final String[] treatments;
		private final String[] tests;
		private final String population;
		private final String aspect;

		Text(Condition condition, SplittableRandom r) {
			this.condition = condition;
			if (condition != null) {
				this.treatments = shuffled(r, condition.treatments);
				this.tests = shuffled(r, condition.tests);
				this.population = pick(r, condition.populations());
			} else {
				this.treatments = new String[] {"deprescribing", "structured medication review", "nurse-led follow-up"};
				this.tests = new String[] {"routine blood tests", "a frailty assessment"};
				this.population = pick(r, ADULTS);
			}
			this.aspect = pick(r, ASPECTS);
		}

		String fill(String template, SplittableRandom r) {
			return checked(capitalised(expand(template, r)));
		}

		/** As {@link #fill} but leaves the first letter as the template has it. */
		String fillLower(String template, SplittableRandom r) {
			return checked(expand(template, r));
		}

		private String expand(String template, SplittableRandom r) {
			StringBuilder out = new StringBuilder(template.length() + 64);
			int at = 0;
			while (true) {
				int open = template.indexOf('{', at);
				if (open < 0) {
					out.append(template, at, template.length());
					break;
				}
				int close = template.indexOf('}', open);
				out.append(template, at, open);
				String slot = template.substring(open + 1, close);
				String value = value(slot.toLowerCase(Locale.ROOT), r);
				out.append(Character.isUpperCase(slot.charAt(0)) ? capitalised(value) : value);
				at = close + 1;
			}
			return out.toString();
		}

		private static String checked(String result) {
			char last = result.isEmpty() ? ' ' : result.charAt(result.length() - 1);
			if (Character.isDigit(last) || last == ',') {
				throw new IllegalStateException("generated text must not end with a number or comma: " + result);
			}
			return result;
		}

		private String value(String slot, SplittableRandom r) {
			return switch (slot) {
				case "cond" -> condition == null ? "chronic disease" : condition.text;
				case "pop" -> population;
				case "otherpop" -> condition == null ? pick(r, ADULTS) : pick(r, condition.populations());
				case "aspect" -> aspect;
				case "tx0" -> treatments[0];
				case "tx1" -> treatments[1];
				case "tx2" -> treatments[2];
				case "test0" -> tests[0];
				case "test1" -> tests[1];
				case "outcome" -> condition == null ? "hospital admission" : condition.outcome;
				case "dur" -> pick(r, DURATIONS);
				case "pct" -> percent(r);
				case "setting" -> pick(r, SETTINGS);
				case "design" -> pick(r, TRIAL_DESIGNS);
				case "obs" -> pick(r, OBSERVATIONAL_DESIGNS);
				case "edition" -> pick(r, EDITIONS);
				default -> throw new IllegalStateException("unknown slot {" + slot + "}");
			};
		}

		private static String percent(SplittableRandom r) {
			int low = 5 * (1 + r.nextInt(14));
			return switch (r.nextInt(8)) {
				case 0 -> "approximately " + low + "%";
				case 1 -> "about " + low + "%";
				case 2 -> "≥ " + low + "%";
				case 3 -> low + "–" + (low + 5 * (2 + r.nextInt(4))) + "%";
				case 4 -> "up to " + low + "%";
				case 5 -> "nearly " + low + "%";
				case 6 -> "≤ " + low + "%";
				default -> "roughly " + low + "%";
			};
		}

		private static String[] shuffled(SplittableRandom r, String[] values) {
			String[] copy = values.clone();
			for (int i = copy.length - 1; i > 0; i--) {
				int j = r.nextInt(i + 1);
				String t = copy[i];
				copy[i] = copy[j];
				copy[j] = t;
			}
			return copy;
		}
	}

	private static final java.util.Set<String> SMALL_WORDS =
			java.util.Set.of("a", "an", "and", "or", "the", "of", "in", "on", "at", "to", "for", "by", "as", "vs");

	/** Capitalises each plain lowercase word but the small ones ("of", "in"...); leaves "eGFR", "µg" alone. */
	private static String titleCase(String title) {
		StringBuilder out = new StringBuilder(title.length());
		boolean first = true;
		for (String word : title.split(" ", -1)) {
			if (!first) {
				out.append(' ');
			}
			boolean plain = !word.isEmpty() && word.charAt(0) >= 'a' && word.charAt(0) <= 'z'
					&& word.chars().noneMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch));
			String bare = word.replaceAll("[^a-z]+$", "");
			out.append(plain && (first || !SMALL_WORDS.contains(bare)) ? capitalised(word) : word);
			first = false;
		}
		return out.toString();
	}

	private static String capitalised(String s) {
		return s.isEmpty() || !Character.isLowerCase(s.charAt(0)) ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	private static final String[] QUESTIONS = {
		"how should it be managed in {pop}, with a focus on {aspect}",
		"what does current evidence say about {aspect} in {pop}",
		"which approach to {aspect} is recommended for {pop}",
		"when should clinicians consider {aspect} in {pop}",
		"what are the key considerations for {aspect} in {pop}",
		"how do guidelines approach {aspect} for {pop}",
		"is {tx0} appropriate for {pop}, and how should {aspect} be handled",
		"what is the role of {tx0} in {pop}",
	};

	private static final String[] ASPECTS = {
		"first-line treatment", "long-term monitoring", "dose titration", "screening and early detection",
		"the diagnostic work-up", "treatment targets", "deprescribing", "referral to specialist care",
		"non-drug measures", "adverse-effect management", "follow-up intervals", "shared decision-making",
		"treatment escalation", "self-management support", "telehealth follow-up", "cost-conscious prescribing",
		"relapse prevention", "perioperative care", "vaccination", "care after hospital discharge",
	};

	private static final String[] DURATIONS = {
		"4 weeks", "6–8 weeks", "three months", "12 weeks", "six months", "2–4 weeks", "one year",
	};

	private static final String[] SETTINGS = {
		"Primary Care", "Older People", "Secondary Care", "the Emergency Department", "Community Settings",
		"Low-Resource Settings", "Europe", "North America", "Routine Practice", "Care Homes",
	};

	private static final String[] TRIAL_DESIGNS = {
		"A Randomised Controlled Trial", "A Multicentre Randomised Trial", "A Pragmatic Randomised Trial",
		"A Double-Blind, Placebo-Controlled Trial", "An Open-Label Extension Study", "A Cluster Randomised Trial",
		"A Non-Inferiority Trial", "A Crossover Trial",
	};

	private static final String[] OBSERVATIONAL_DESIGNS = {
		"A Cohort Study", "A Nationwide Cohort Study", "A Target Trial Emulation", "A Case-Control Study",
		"A Population-Based Study", "A Retrospective Registry Analysis", "Evidence From Routine Care Data",
	};

	private static final String[] EDITIONS = {
		"A Guideline Update", "Focused Update", "A Living Guideline", "Rapid Recommendations",
		"Summary of Updated Guidance", "Executive Summary",
	};

	/** Claim templates per part (Guidelines, Research, Systematic Reviews, Expert Consensus). */
	private static final String[][] CLAIMS = {
		{
			"{Tx0} is recommended as first-line treatment for most {pop} with {cond}",
			"{Tx1} is a reasonable alternative when {tx0} is not tolerated or is contraindicated",
			"{Test0} should be checked at diagnosis and again after {dur} of treatment",
			"Response should be reviewed after {dur}, and ineffective treatment stopped rather than continued indefinitely",
			"Referral to specialist care is advised when the diagnosis is uncertain or symptoms progress despite {tx0}",
			"Shared decision-making should cover expected benefit, common adverse effects and the patient’s own priorities",
			"Combining {tx0} with {tx1} may be appropriate for selected patients with severe or refractory disease",
			"{Test1} is not routinely required but helps when the presentation is atypical",
			"Adherence and dosing errors should be reviewed before treatment is escalated",
			"In {otherpop}, lower starting doses and slower titration reduce the risk of adverse effects",
			"Patients should receive written information and a clear plan for follow-up",
			"A “treat-to-target” strategy is supported for {cond} by most guideline panels",
			"Dose reduction is advised when eGFR falls to ≤ 30 mL/min/1.73 m² in patients taking {tx1}",
			"Clinicians should document the indication and planned duration whenever {tx0} is started",
			"Non-drug measures, including education and regular exercise, should accompany drug treatment for {cond}",
			"{Otherpop} with {cond} benefit from a structured annual review of symptoms, medicines and comorbidities",
			"Treatment should not be delayed while awaiting {test1} when the clinical diagnosis is clear",
			"Switching from {tx0} to {tx2} is reasonable after an inadequate response at a full dose",
			"Care for {pop} should be coordinated between primary care and the specialist team",
		},
		{
			"Head-to-head comparisons of {tx0} and {tx2} are few, and most trials lasted less than a year",
			"Benefit from {tx1} was consistent across age groups, including {otherpop}",
			"Observational data suggest that earlier treatment lowers the risk of {outcome}",
			"Trials rarely enrolled {pop}, so estimates for this group remain uncertain",
			"Long-term extension studies found no new safety signals with {tx0}",
			"Cost-effectiveness analyses favour {tx0} over {tx2} for most patients in primary care",
			"{Test0} predicted response to {tx1} only weakly in prospective cohorts",
			"Patients who started {tx0} early had fewer complications over the following years",
			"Effects on {outcome} were larger in those with more severe disease at baseline",
		},
		{
			"Pooled data show a consistent benefit of {tx0} on {outcome}, with low heterogeneity between trials",
			"The certainty of evidence for {tx2} was rated low because of imprecision and risk of bias",
			"Network meta-analysis ranked {tx1} and {tx0} similarly for efficacy but differently for tolerability",
			"Few included trials reported outcomes that matter most to {pop}",
			"Small-study effects suggest that the benefit of {tx2} may be overestimated",
			"Evidence on {aspect} comes mainly from short trials with surrogate end points",
		},
		{
			"Experts agree that {test0} should guide decisions about escalating therapy",
			"Most specialists would try {tx1} before considering {tx2} in {pop}",
			"There is no consensus on the optimal duration of {tx0} once remission is achieved",
			"Panel members favoured a low threshold for referral when {cond} presents atypically",
			"Practical experience supports slow titration of {tx1} to improve tolerability",
			"Follow-up every {dur} is a reasonable default until the condition is stable",
		},
	};

	/** Claims stating a percentage; used for about 30% of bullets. */
	private static final String[] PERCENT_CLAIMS = {
		"{Tx0} reduced {outcome} by {pct} compared with placebo in pooled trials",
		"Adverse effects led to discontinuation in {pct} of patients taking {tx1}",
		"Relapse occurred in {pct} of patients within a year of stopping {tx0}",
		"Adding {tx1} to {tx0} helped {pct} of patients with an inadequate initial response",
		"{Test0} identified {pct} of cases missed by clinical assessment alone",
		"In observational cohorts, {pct} of {pop} with {cond} were not receiving guideline-recommended care",
		"A response, defined as a ≥ 50% improvement in symptoms, was seen with {tx0} in most trials",
		"{Pct} of {otherpop} reached the recommended treatment target at one year",
		"Persistence is poor: {pct} of patients stop {tx0} within six months, most often because of adverse effects",
		"{Tx2} and {tx0} gave similar effects on {outcome}, with {pct} fewer withdrawals on {tx2}",
		"Approximately 30% of patients with {cond} have at least one relevant comorbidity at diagnosis",
	};

	private static final String[][] LEADS = {
		{
			"Management of {cond} in {pop} should follow a stepwise, individualised approach",
			"Recommendations on {aspect} are broadly consistent across guideline bodies",
			"Guideline panels emphasise individualised care, particularly for {otherpop}",
			"Key points for everyday practice are summarised below",
			"Most guidelines agree on the core elements of care for {cond}",
		},
		{
			"Trial data help set realistic expectations with patients",
			"The evidence base for {tx0} in {cond} has grown considerably over the past decade",
			"Randomised and observational studies point in the same direction",
			"Research on {aspect} in {cond} remains uneven in quality",
		},
		{
			"Pooled analyses give the most precise estimates of benefit and harm",
			"Systematic reviews of {tx0} and {tx1} reach broadly similar conclusions",
			"The overall certainty of evidence is moderate for most outcomes",
		},
		{
			"Specialist opinion fills gaps where trial evidence is thin",
			"Expert panels reached agreement on several practical questions",
			"Where evidence is limited, consensus statements offer pragmatic guidance",
		},
	};

	/** Headings: 2-10 words, no final punctuation, never ending with a digit. */
	private static final String[][] HEADINGS = {
		{
			"Who should be treated", "First-line treatment", "Choosing an initial therapy", "Treatment targets",
			"Monitoring and follow-up", "When to refer", "Diagnosis and initial assessment",
			"Non-pharmacological measures", "Escalating therapy", "Special populations", "Pregnancy and breastfeeding",
			"Older adults and frailty", "Dose adjustment in kidney impairment", "Safety monitoring",
			"Stopping or reducing treatment", "Recommendations for {cond}", "Managing {cond} in primary care",
			"Shared decision-making",
		},
		{
			"Evidence from randomised trials", "Comparative effectiveness", "Long-term outcomes",
			"Adverse effects in practice", "Real-world effectiveness", "What observational studies add",
			"Areas of uncertainty", "Emerging therapies", "Cost-effectiveness", "Patient-reported outcomes",
			"Evidence on {aspect}",
		},
		{
			"Pooled estimates of benefit", "Certainty of the evidence", "Heterogeneity between trials",
			"Network meta-analysis findings", "Harms reported across trials", "Gaps in the evidence",
		},
		{
			"Points of agreement", "Practical tips from specialists", "Where experts disagree", "Care pathway",
			"Monitoring in routine practice", "Communicating with patients",
		},
	};

	// Title templates. Slots are decoded from a work's index (see fillTitle): cond, outcome, tx (one of
	// the condition's treatments), txother (another), test, testother, pop, setting, design, obs,
	// edition, aspect, body, followup. Each template makes from about 10 to 160 distinct titles.

	private static final String[] GUIDELINE_TITLES = {
		"{Cond}: Diagnosis and Management in {setting}.",
		"{Body} for the Management of {cond} in {setting}.",
		"{Aspect} in {cond}: Consensus Recommendations.",
		"Recommendations on {tx} for {cond}: {edition}.",
		"International Consensus Statement on {aspect} in {cond}.",
		"Should {tx} Be Offered to {Pop} With {cond}? Rapid Recommendations.",
		"Should {tx} Be Offered to {Pop} With {cond}?",
		"Management of {cond} in {setting}: {edition}.",
		"{Test} and {testother} in the Assessment of {cond}: Guidance for {setting}.",
	};

	private static final String[] RESEARCH_TITLES = {
		"Efficacy and Safety of {tx} in {cond}: {design}.",
		"{Tx} Versus {txother} for {cond} in {setting}: A Systematic Review and Meta-analysis.",
		"Does {tx} Reduce {outcome} in {cond}? {obs}.",
		"Long-Term Outcomes of {tx} in {cond}: {followup}.",
		"{Test} for the Diagnosis of {cond} in {setting}: A Diagnostic Accuracy Study.",
		"Real-World Effectiveness of {tx} in {cond}: {obs}.",
		"Is {tx} Cost-Effective for {Pop} With {cond}?",
		"Adherence to {tx} Among {Pop} With {cond}: A Qualitative Study.",
		"{Outcome} in {Pop} With {cond}: {obs}.",
		"What Predicts Response to {tx} in {Pop} With {cond}?",
		"{Aspect} for {cond}: {design}.",
		"Trends in {aspect} for {cond}: {obs}.",
	};

	private static final String[] GENERAL_GUIDELINE_TITLES = {
		"Multimorbidity: Clinical Assessment and Management in {setting}.",
		"Medicines Optimisation for {Pop}: {edition}.",
		"Grading the Certainty of Evidence in Clinical Guidelines: {edition}.",
		"Shared Decision-Making in {setting}: {edition}.",
		"{Body} on Falls Prevention for {Pop}.",
	};

	private static final String[] GENERAL_RESEARCH_TITLES = {
		"Deprescribing Among {Pop} With Multiple Long-Term Conditions: {design}.",
		"Shared Decision-Making in {setting}: A Systematic Review.",
		"Polypharmacy and Adverse Drug Events Among {Pop}: {obs}.",
		"Which Patients Benefit From Structured Medication Review in {setting}?",
		"Continuity of Care and Mortality in {setting}: {obs}.",
		"Telehealth Follow-up for Chronic Conditions in {setting}: {design}.",
		"Health Literacy and Outcomes of Chronic Disease Among {Pop}: {obs}.",
	};

	private static final String[] TITLE_POPULATIONS = {
		"Adults", "Older Adults", "Older People", "Primary Care Patients", "Hospitalised Patients", "Young Adults",
		"Frail Older People", "Ethnic Minority Groups", "Low-Income Populations", "Veterans", "Care Home Residents",
		"Working-Age Adults",
	};

	private static final String[] GUIDELINE_BODIES = {
		"Clinical Practice Guideline", "Evidence-Based Guideline", "National Guideline", "Joint Guideline",
		"Interdisciplinary Guideline", "Updated Guideline",
	};

	private static final String[] FOLLOW_UPS = {
		"Follow-up of a Randomised Trial", "Ten-Year Follow-up of a Randomised Trial",
		"Extended Follow-up of a Prospective Cohort", "A Registry Analysis",
	};

	/** Sources of cited works: {societies, journals}, general and per specialty. */
	private static final String[][] GENERAL_SOURCES = {
		{
			"National Institute for Health and Care Excellence", "American College of Physicians",
			"Scottish Intercollegiate Guidelines Network", "Haute Autorité de Santé", "World Health Organization",
			"U.S. Preventive Services Task Force", "Royal College of Physicians",
			"Royal Australian College of General Practitioners",
		},
		{
			"The Lancet", "BMJ", "JAMA", "JAMA Internal Medicine", "New England Journal of Medicine",
			"Annals of Internal Medicine", "Cochrane Database of Systematic Reviews", "British Journal of General Practice",
			"Canadian Medical Association Journal", "PLOS Medicine", "Age and Ageing",
			"Journal of the American Geriatrics Society", "Journal of General Internal Medicine", "Family Practice",
			"BMC Medicine", "Deutsches Ärzteblatt International",
		},
	};

	private static final java.util.Map<String, String[][]> SPECIALTIES = java.util.Map.ofEntries(
		java.util.Map.entry("cardio", new String[][] {
			{"European Society of Cardiology", "American Heart Association", "American College of Cardiology",
				"American College of Chest Physicians"},
			{"European Heart Journal", "Circulation", "Journal of the American College of Cardiology", "Heart",
				"Hypertension", "Journal of Thrombosis and Haemostasis"}}),
		java.util.Map.entry("resp", new String[][] {
			{"Global Initiative for Asthma", "British Thoracic Society",
				"Global Initiative for Chronic Obstructive Lung Disease", "European Respiratory Society",
				"American Thoracic Society"},
			{"Thorax", "European Respiratory Journal", "Lancet Respiratory Medicine",
				"American Journal of Respiratory and Critical Care Medicine", "Chest"}}),
		java.util.Map.entry("rheum", new String[][] {
			{"American College of Rheumatology", "European Alliance of Associations for Rheumatology",
				"British Society for Rheumatology"},
			{"Arthritis & Rheumatology", "Rheumatology", "Annals of the Rheumatic Diseases", "Arthritis Care & Research",
				"Osteoarthritis and Cartilage"}}),
		java.util.Map.entry("neuro", new String[][] {
			{"American Academy of Neurology", "European Academy of Neurology", "Deutsche Gesellschaft für Neurologie",
				"International League Against Epilepsy", "American Headache Society"},
			{"Neurology", "Journal of Neurology, Neurosurgery, and Psychiatry", "The Lancet Neurology", "Cephalalgia",
				"Headache", "Movement Disorders", "Epilepsia", "Brain"}}),
		java.util.Map.entry("endo", new String[][] {
			{"American Diabetes Association", "Endocrine Society", "European Association for the Study of Diabetes",
				"European Thyroid Association", "American Association of Clinical Endocrinology"},
			{"Diabetes Care", "Diabetes, Obesity and Metabolism", "Journal of Clinical Endocrinology & Metabolism",
				"Thyroid", "Obesity", "The Lancet Diabetes & Endocrinology", "Osteoporosis International"}}),
		java.util.Map.entry("gi", new String[][] {
			{"American Gastroenterological Association", "British Society of Gastroenterology",
				"European Crohn’s and Colitis Organisation", "American College of Gastroenterology"},
			{"Gut", "Gastroenterology", "Alimentary Pharmacology & Therapeutics", "American Journal of Gastroenterology",
				"Journal of Crohn’s and Colitis"}}),
		java.util.Map.entry("renal", new String[][] {
			{"Kidney Disease: Improving Global Outcomes", "UK Kidney Association"},
			{"Kidney International", "Journal of the American Society of Nephrology", "Nephrology Dialysis Transplantation"}}),
		java.util.Map.entry("psych", new String[][] {
			{"American Psychiatric Association", "Royal College of Psychiatrists",
				"Canadian Network for Mood and Anxiety Treatments"},
			{"JAMA Psychiatry", "British Journal of Psychiatry", "Journal of Psychiatry & Neuroscience",
				"Journal of Affective Disorders"}}),
		java.util.Map.entry("derm", new String[][] {
			{"British Association of Dermatologists", "American Academy of Dermatology", "European Dermatology Forum"},
			{"British Journal of Dermatology", "JAMA Dermatology", "Journal of the American Academy of Dermatology",
				"Acta Dermato-Venereologica"}}),
		java.util.Map.entry("id", new String[][] {
			{"Infectious Diseases Society of America", "British Infection Association",
				"European Society of Clinical Microbiology and Infectious Diseases",
				"Advisory Committee on Immunization Practices"},
			{"Clinical Infectious Diseases", "The Lancet Infectious Diseases", "Journal of Antimicrobial Chemotherapy",
				"Médecine et Maladies Infectieuses"}}),
		java.util.Map.entry("haem", new String[][] {
			{"British Society for Haematology", "American Society of Hematology"},
			{"British Journal of Haematology", "Blood", "American Journal of Hematology", "Haematologica"}}),
		java.util.Map.entry("uro", new String[][] {
			{"European Association of Urology", "American Urological Association"},
			{"European Urology", "Journal of Urology", "BJU International"}}),
		java.util.Map.entry("gyn", new String[][] {
			{"Royal College of Obstetricians and Gynaecologists", "European Society of Human Reproduction and Embryology",
				"American College of Obstetricians and Gynecologists"},
			{"Human Reproduction", "Obstetrics & Gynecology", "Fertility and Sterility"}}),
		java.util.Map.entry("sleep", new String[][] {
			{"American Academy of Sleep Medicine", "European Sleep Research Society"},
			{"Sleep", "Journal of Sleep Research", "Sleep Medicine Reviews"}}));

	private static final String[] GENERAL_GUIDELINE_SOURCES = concat(GENERAL_SOURCES[0], GENERAL_SOURCES[1]);

	private static String[] concat(String[]... lists) {
		return Arrays.stream(lists).flatMap(Arrays::stream).toArray(String[]::new);
	}

	private static String[][] specialty(String name) {
		String[][] sources = SPECIALTIES.get(name);
		if (sources == null) {
			throw new IllegalStateException("unknown specialty " + name);
		}
		return sources;
	}

	private static final String[] DOI_PATTERNS = {
		"10.1016/j.jclinepi.%1$d.%2$07d", "10.1136/bmj-%1$d-%2$07d", "10.1001/jama.%1$d.%2$07d", "10.1093/rheumatology/kez%2$07d",
		"10.1002/14651858.CD%2$07d", "10.1111/head.%1$d%2$07d", "10.1186/s12916-%1$d-%2$07d", "10.1371/journal.pmed.%2$07d",
	};

	private static final String[] FIRST_NAMES = {
		"Ana", "Lee", "Maya", "Henrik", "Tomás", "Aisha", "Leonie", "Samuel", "Zoë", "José", "Siobhán", "Kwame",
		"Priya", "Mateus", "Ingrid", "Yusuf", "Mei", "Chiara", "Olumide", "Noémie", "Rafael", "Hannah", "Arjun",
		"Freya", "Dmitri", "Léa", "Kenji", "Fatima", "Björn", "Amara",
	};

	private static final String[] LAST_NAMES = {
		"Ruiz", "Chen", "Okafor", "Lindqvist", "Ferreira", "Rahman", "Brandt", "Adeyemi", "Müller", "Peña",
		"O’Neill", "Mensah", "Sharma", "Costa", "Halvorsen", "Demir", "Zhang", "Rossi", "Balogun", "Lefèvre",
		"Silva", "Fischer", "Iyer", "Nilsson", "Volkov", "Dubois", "Tanaka", "Haddad", "Sørensen", "Nwosu",
	};

	private static final String[] DISCLAIMERS = {
		"This summary is written for healthcare professionals and is intended for educational use only. It condenses published guidance and research but cannot account for every patient’s circumstances, and it does not replace independent clinical judgement, local protocols or the full prescribing information for any medicine mentioned.",
		"This article is an educational summary for clinicians. It highlights key guidance and evidence but is not exhaustive, and it should be used alongside, never instead of, clinical judgement and local prescribing advice.",
		"The information here is provided for professional education and does not constitute medical advice. Treatment decisions should take account of the individual patient, current product information and local guidance.",
	};

	private static final String[] PROMOS = {
		"Ask our clinical assistant anything else about this topic and receive answers grounded in current guidelines.",
		"Ask a follow-up question and get an answer with references you can check.",
		"Our clinical assistant can answer related questions, citing the guidelines and studies behind each answer.",
	};

	// ------------------------------------------------------------------------------------------
	// Conditions

	private static final String[] ADULTS = {
		"adults", "older adults", "people aged 80 and over", "frail older people", "people with multimorbidity",
		"patients with chronic kidney disease", "patients with hepatic impairment", "primary care patients",
		"people living in care homes", "treatment-naïve adults", "adults with obesity",
		"people with limited health literacy", "South Asian adults", "patients recently discharged from hospital",
		"night-shift workers", "young adults",
	};
	private static final String[] CHILDREN = {"children", "adolescents", "school-age children"};
	private static final String[] PREGNANCY = {"pregnant women", "women planning a pregnancy", "breastfeeding mothers"};
	private static final String[] WOMEN = {"women of reproductive age", "postmenopausal women"};
	private static final String[] MEN = {"older men", "men with cardiovascular disease", "younger men"};

	/**
	 * A clinical topic. {@code questionName} starts the question (at most 28 characters, so that the
	 * page-text slug keeps the article's index); {@code text} is how the condition reads inside a
	 * sentence; flags: K children, P pregnancy, F women only, M men only.
	 */
	record Condition(
			int index,
			String display,
			String snomed,
			String icd,
			String questionName,
			String text,
			String flags,
			String[] treatments,
			String[] tests,
			String outcome,
			String[] populations,
			String[] guidelineSources,
			String[] researchSources) {}

	private static Condition[] conditions(String[][] rows) {
		Condition[] conditions = new Condition[rows.length];
		for (int i = 0; i < rows.length; i++) {
			String[] row = rows[i];
			String flags = row[5];
			List<String> populations = new ArrayList<>();
			if (flags.contains("M")) {
				populations.addAll(List.of("adults", "older adults", "people aged 80 and over", "frail older people",
						"people with multimorbidity", "primary care patients", "treatment-naïve adults"));
				populations.addAll(List.of(MEN));
			} else {
				populations.addAll(List.of(ADULTS));
				if (flags.contains("F")) {
					populations.removeAll(List.of("people aged 80 and over", "frail older people", "people living in care homes"));
					populations.addAll(List.of(WOMEN));
				}
			}
			if (flags.contains("K")) {
				populations.addAll(List.of(CHILDREN));
			}
			if (flags.contains("P")) {
				populations.addAll(List.of(PREGNANCY));
			}
			conditions[i] = new Condition(i, row[0], row[1], row[2], row[3], row[4], flags,
					new String[] {row[6], row[7], row[8]}, new String[] {row[9], row[10]}, row[11],
					populations.stream().filter(p -> !p.contains(row[4])).toArray(String[]::new),
					concat(specialty(row[12])[0], GENERAL_SOURCES[0], specialty(row[12])[1]),
					concat(specialty(row[12])[1], GENERAL_SOURCES[1]));
		}
		return conditions;
	}

	// display, SNOMED CT, ICD-10-CM, question name, in-sentence text, flags,
	// three treatments, two tests, an outcome, a specialty (see SPECIALTIES)
	private static final Condition[] CONDITIONS = conditions(new String[][] {
		{"Migraine", "37796009", "G43.909", "Migraine", "migraine", "KP",
			"topiramate", "propranolol", "erenumab", "a headache diary", "neuroimaging", "monthly migraine days", "neuro"},
		{"Type 2 diabetes mellitus", "44054006", "E11.9", "Type 2 diabetes", "type 2 diabetes", "P",
			"metformin", "empagliflozin", "semaglutide", "HbA1c", "the urine albumin-to-creatinine ratio",
			"major cardiovascular events", "endo"},
		{"Essential hypertension", "59621000", "I10", "Essential hypertension", "essential hypertension", "P",
			"amlodipine", "ramipril", "indapamide", "ambulatory blood pressure monitoring", "serum potassium", "stroke", "cardio"},
		{"Asthma", "195967001", "J45.909", "Asthma", "asthma", "KP",
			"inhaled budesonide–formoterol", "montelukast", "mepolizumab", "spirometry",
			"fractional exhaled nitric oxide", "severe exacerbations", "resp"},
		{"Atrial fibrillation", "49436004", "I48.91", "Atrial fibrillation", "atrial fibrillation", "",
			"apixaban", "bisoprolol", "catheter ablation", "a 12-lead ECG", "echocardiography", "ischaemic stroke", "cardio"},
		{"Hypothyroidism", "40930008", "E03.9", "Hypothyroidism", "hypothyroidism", "KP",
			"levothyroxine 1.6 µg/kg daily", "liothyronine", "levothyroxine dose adjustment", "serum TSH", "free T4",
			"symptom burden", "endo"},
		{"Gout", "90560007", "M10.9", "Gout", "gout", "",
			"allopurinol", "colchicine", "febuxostat", "serum urate", "joint aspiration", "recurrent flares", "rheum"},
		{"Sjögren's syndrome", "83901003", "M35.00", "Sjögren's syndrome", "Sjögren's syndrome", "P",
			"pilocarpine", "hydroxychloroquine", "topical ciclosporin", "Schirmer testing", "anti-Ro/SSA antibodies",
			"sicca symptoms", "rheum"},
		{"Chronic obstructive pulmonary disease", "13645005", "J44.9", "COPD", "COPD", "",
			"tiotropium 18 µg once daily", "pulmonary rehabilitation", "roflumilast", "post-bronchodilator spirometry",
			"the blood eosinophil count", "moderate or severe exacerbations", "resp"},
		{"Heart failure", "84114007", "I50.9", "Heart failure", "heart failure", "",
			"sacubitril–valsartan", "dapagliflozin", "spironolactone", "NT-proBNP", "echocardiography",
			"hospitalisation for heart failure", "cardio"},
		{"Major depressive disorder", "370143000", "F32.9", "Major depressive disorder", "major depressive disorder", "KP",
			"sertraline", "cognitive behavioural therapy", "mirtazapine", "the PHQ-9", "a suicide risk assessment",
			"relapse", "psych"},
		{"Generalized anxiety disorder", "21897009", "F41.1", "Generalized anxiety disorder", "generalized anxiety disorder",
			"KP", "escitalopram", "cognitive behavioural therapy", "pregabalin", "the GAD-7", "thyroid function tests",
			"relapse", "psych"},
		{"Rheumatoid arthritis", "69896004", "M06.9", "Rheumatoid arthritis", "rheumatoid arthritis", "P",
			"methotrexate", "adalimumab", "tofacitinib", "anti-CCP antibodies", "the DAS28 score",
			"radiographic progression", "rheum"},
		{"Osteoarthritis of knee", "239873007", "M17.9", "Knee osteoarthritis", "knee osteoarthritis", "",
			"topical diclofenac", "structured exercise therapy", "intra-articular corticosteroid injection",
			"weight-bearing radiographs", "a functional assessment", "disability", "rheum"},
		{"Osteoporosis", "64859006", "M81.0", "Osteoporosis", "osteoporosis", "",
			"alendronate", "denosumab", "zoledronic acid", "DXA scanning", "the FRAX score", "hip fracture", "endo"},
		{"Community acquired pneumonia", "385093006", "J18.9", "Community-acquired pneumonia",
			"community-acquired pneumonia", "KP", "amoxicillin", "doxycycline", "clarithromycin", "the CRB-65 score",
			"chest radiography", "30-day mortality", "id"},
		{"Chronic kidney disease", "709044004", "N18.9", "Chronic kidney disease", "chronic kidney disease", "",
			"dapagliflozin", "ramipril", "finerenone", "estimated GFR", "the urine albumin-to-creatinine ratio",
			"progression to kidney failure", "renal"},
		{"Iron deficiency anemia", "87522002", "D50.9", "Iron deficiency anaemia", "iron deficiency anaemia", "KP",
			"oral ferrous sulfate", "intravenous ferric carboxymaltose", "alternate-day oral iron", "serum ferritin",
			"coeliac serology", "the need for transfusion", "haem"},
		{"Vitamin B12 deficiency", "190634004", "E53.8", "Vitamin B12 deficiency", "vitamin B12 deficiency", "P",
			"intramuscular hydroxocobalamin", "oral cyanocobalamin 1000 µg daily", "dietary advice", "serum total B12",
			"methylmalonic acid", "neurological complications", "haem"},
		{"Gastroesophageal reflux disease", "235595009", "K21.9", "Gastro-oesophageal reflux",
			"gastro-oesophageal reflux disease", "KP", "omeprazole", "alginate therapy", "laparoscopic fundoplication",
			"upper endoscopy", "ambulatory pH monitoring", "recurrent oesophagitis", "gi"},
		{"Psoriasis", "9014002", "L40.9", "Psoriasis", "psoriasis", "KP",
			"topical calcipotriol–betamethasone", "methotrexate", "secukinumab", "the PASI score",
			"screening for psoriatic arthritis", "disease flares", "derm"},
		{"Atopic dermatitis", "24079001", "L20.9", "Atopic dermatitis", "atopic dermatitis", "KP",
			"regular emollients", "topical tacrolimus", "dupilumab", "the EASI score", "patch testing", "flare frequency", "derm"},
		{"Epilepsy", "84757009", "G40.909", "Epilepsy", "epilepsy", "KP",
			"lamotrigine", "levetiracetam", "sodium valproate", "an EEG", "MRI of the brain", "seizure frequency", "neuro"},
		{"Parkinson's disease", "49049000", "G20.A1", "Parkinson's disease", "Parkinson's disease", "",
			"levodopa", "pramipexole", "rasagiline", "a DaTscan", "a falls assessment", "motor fluctuations", "neuro"},
		{"Alzheimer's disease", "26929004", "G30.9", "Alzheimer's disease", "Alzheimer's disease", "",
			"donepezil", "memantine", "cognitive stimulation therapy", "the MoCA", "CSF biomarkers", "cognitive decline", "neuro"},
		{"Essential tremor", "609558009", "G25.0", "Essential tremor", "essential tremor", "",
			"propranolol", "primidone", "focused ultrasound thalamotomy", "a tremor rating scale",
			"thyroid function tests", "tremor severity", "neuro"},
		{"Hyperlipidemia", "55822004", "E78.5", "Hyperlipidaemia", "hyperlipidaemia", "",
			"atorvastatin", "ezetimibe", "evolocumab", "a non-fasting lipid profile", "lipoprotein(a)",
			"major vascular events", "cardio"},
		{"Obesity", "414916001", "E66.9", "Obesity", "obesity", "K",
			"semaglutide", "tirzepatide", "bariatric surgery", "waist circumference",
			"screening for obstructive sleep apnoea", "obesity-related complications", "endo"},
		{"Urinary tract infection", "68566005", "N39.0", "Urinary tract infection", "urinary tract infection", "KP",
			"nitrofurantoin", "fosfomycin", "trimethoprim", "urine culture", "urine dipstick testing",
			"recurrent infection", "id"},
		{"Irritable bowel syndrome", "10743008", "K58.9", "Irritable bowel syndrome", "irritable bowel syndrome", "K",
			"a low-FODMAP diet", "linaclotide", "low-dose amitriptyline", "faecal calprotectin", "coeliac serology",
			"abdominal pain", "gi"},
		{"Crohn's disease", "34000006", "K50.90", "Crohn's disease", "Crohn's disease", "KP",
			"infliximab", "azathioprine", "ustekinumab", "ileocolonoscopy", "faecal calprotectin",
			"surgical resection", "gi"},
		{"Ulcerative colitis", "64766004", "K51.90", "Ulcerative colitis", "ulcerative colitis", "KP",
			"oral mesalazine", "vedolizumab", "tofacitinib", "flexible sigmoidoscopy", "faecal calprotectin",
			"colectomy", "gi"},
		{"Celiac disease", "396331005", "K90.0", "Coeliac disease", "coeliac disease", "KP",
			"a strict gluten-free diet", "dietitian review", "calcium and vitamin D supplementation",
			"tissue transglutaminase IgA", "duodenal biopsy", "persistent villous atrophy", "gi"},
		{"Systemic lupus erythematosus", "55464009", "M32.9", "Systemic lupus erythematosus",
			"systemic lupus erythematosus", "P", "hydroxychloroquine", "mycophenolate mofetil", "belimumab",
			"anti-dsDNA antibodies", "urinalysis for proteinuria", "renal flares", "rheum"},
		{"Multiple sclerosis", "24700007", "G35", "Multiple sclerosis", "multiple sclerosis", "P",
			"ocrelizumab", "dimethyl fumarate", "natalizumab", "MRI of the brain and spinal cord",
			"serum JC virus antibody testing", "relapse rate", "neuro"},
		{"Deep vein thrombosis", "128053003", "I82.409", "Deep vein thrombosis", "deep vein thrombosis", "P",
			"rivaroxaban", "apixaban", "low-molecular-weight heparin", "D-dimer", "compression ultrasonography",
			"recurrent venous thromboembolism", "cardio"},
		{"Pulmonary embolism", "59282003", "I26.99", "Pulmonary embolism", "pulmonary embolism", "P",
			"apixaban", "systemic thrombolysis", "low-molecular-weight heparin", "CT pulmonary angiography",
			"the simplified PESI score", "all-cause mortality", "cardio"},
		{"Polycystic ovary syndrome", "69878008", "E28.2", "Polycystic ovary syndrome", "polycystic ovary syndrome", "F",
			"metformin", "combined oral contraceptives", "letrozole", "pelvic ultrasound", "an oral glucose tolerance test",
			"metabolic complications", "gyn"},
		{"Benign prostatic hyperplasia", "266569009", "N40.0", "Benign prostatic hyperplasia",
			"benign prostatic hyperplasia", "M", "tamsulosin", "finasteride", "transurethral resection of the prostate",
			"PSA testing", "a frequency–volume chart", "acute urinary retention", "uro"},
		{"Herpes zoster", "4740000", "B02.9", "Herpes zoster", "herpes zoster", "",
			"valaciclovir", "recombinant zoster vaccine", "gabapentin", "PCR of vesicle fluid", "an eye examination",
			"postherpetic neuralgia", "id"},
		{"Obstructive sleep apnea syndrome", "78275009", "G47.33", "Obstructive sleep apnoea", "obstructive sleep apnoea", "",
			"CPAP", "a mandibular advancement device", "weight management", "home sleep apnoea testing",
			"the Epworth Sleepiness Scale", "daytime sleepiness", "sleep"},
		{"Insomnia", "193462001", "G47.00", "Insomnia", "insomnia", "",
			"CBT for insomnia", "zolpidem", "low-dose doxepin", "a sleep diary", "actigraphy", "sleep onset latency", "sleep"},
	});
}
