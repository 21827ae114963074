package org.cairn.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs, once the server accepts requests, how long start-up took and how much memory it holds. */
@Component
public class ReadyReporter {

	private static final Logger log = LoggerFactory.getLogger(ReadyReporter.class);

	private volatile long readyAtUptimeMillis = -1;

	@EventListener
	public void onReady(ApplicationReadyEvent event) {
		long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		readyAtUptimeMillis = uptimeMillis;
		String port = event.getApplicationContext() instanceof WebServerApplicationContext web
				? String.valueOf(web.getWebServer().getPort())
				: "?";
		log.info(
				"Cairn ready in {} ms on port {} (RSS {} MB), FHIR base http://localhost:{}/fhir",
				uptimeMillis,
				port,
				residentSetMegabytes(),
				port);
	}

	/** The JVM's uptime when the server became ready, in milliseconds; -1 before. */
	public long readyAtUptimeMillis() {
		return readyAtUptimeMillis;
	}

	/** The process's resident set size from /proc, or -1 where the OS has none. */
	static long residentSetMegabytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		} catch (IOException | RuntimeException e) {
			// not Linux: nothing to report
		}
		return -1;
	}
}
