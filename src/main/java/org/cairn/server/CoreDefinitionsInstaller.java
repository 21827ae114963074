package org.cairn.server;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Puts {@link OnDemandCoreDefinitions} in place as the very first thing a Cairn application does,
 * before any bean can ask HAPI for its R5 definitions. Registered in
 * {@code META-INF/spring.factories}, so it runs however the application is started.
 */
public class CoreDefinitionsInstaller implements ApplicationListener<ApplicationStartingEvent> {

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		OnDemandCoreDefinitions.install();
	}
}
