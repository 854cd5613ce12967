package org.interestsoffice.platform.deadletters;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The dead-letter API of a service whose dead letters are only events: {@code GET /api/dead-letters}
 * and {@code POST /api/dead-letters/{id}/redrive}, for ministry administrators, with the contract
 * notifications' own API has (notifications adds its undeliverable alerts and keeps its own
 * controller). A service turns it on with {@code @Import(DeadLettersApi.class)}; the gateway
 * serves it at {@code /api/dead-letters/<service>/...}.
 */
@Configuration(proxyBeanMethods = false)
@Import({DeadLettersController.class, ReDrivingEvents.class})
public class DeadLettersApi {}
