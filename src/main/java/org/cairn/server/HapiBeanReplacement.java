package org.cairn.server;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/** Puts a class of Cairn's in place of one of HAPI's beans, under HAPI's name, before any bean is made. */
public final class HapiBeanReplacement {

	private HapiBeanReplacement() {}

	/** Replaces HAPI's bean {@code hapiBean}, when HAPI defines it, with {@code replacement}. */
	public static BeanFactoryPostProcessor replacing(String hapiBean, RootBeanDefinition replacement) {
		return beanFactory -> {
			if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(hapiBean)) {
				registry.removeBeanDefinition(hapiBean);
				registry.registerBeanDefinition(hapiBean, replacement);
			}
		};
	}
}
