package org.cairn.server;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Puts {@link OnDemandCoreDefinitions} in place as the very first thing a Cairn application does,
 * before any bean can ask HAPI for its R5 definitions, and once the application is ready has the
 * definitions nothing has asked for yet compressed. Registered in {@code META-INF/spring.factories},
 * so it runs however the application is started.
 */
public class CoreDefinitionsInstaller implements ApplicationListener<SpringApplicationEvent> {

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationStartingEvent) {
			OnDemandCoreDefinitions.install();
		} else if (event instanceof ApplicationReadyEvent) {
			OnDemandCoreDefinitions.compressUnparsedTerminologyLater();
		}
	}
}
