package org.cairn.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;

/** A Logback turbo filter that is in force while the Spring context that made it lives. */
abstract class InstalledLogFilter extends TurboFilter {

	@PostConstruct
	void install() {
		start();
		loggerContext().addTurboFilter(this);
	}

	@PreDestroy
	void uninstall() {
		loggerContext().getTurboFilterList().remove(this);
		stop();
	}

	private static LoggerContext loggerContext() {
		return (LoggerContext) LoggerFactory.getILoggerFactory();
	}
}
