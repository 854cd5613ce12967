package org.interestsoffice.gateway.console;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin console's pages. The console is one HTML page (from the {@code console} module's jar,
 * under {@code static/console/}) that draws each page itself; every address it shows answers with
 * that page, so a link or a reload lands where it was. Its scripts and styles are served as static
 * resources at {@code /console/assets/}. The pages sit behind the console's sign-in.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages {

  static final String INDEX = "static/console/index.html";

  /** The console's own addresses; anything else under /console is an asset, the API or the session. */
  private static final RequestPredicate PAGES =
      GET("/console/").or(GET("/console/missions/{id}")).or(GET("/console/staff")).or(GET("/console/alerts"));

  @Bean
  RouterFunction<ServerResponse> consolePageRoutes() {
    Resource index = new ClassPathResource(INDEX);
    return RouterFunctions.route(GET("/console"), request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
        // A newcomer who opens the gateway's root address lands on the console (and so on its
        // sign-in), not on the API's 401. Temporary: the root may one day show something else.
        .andRoute(GET("/"), request -> ServerResponse.seeOther(URI.create("/console/")).build())
        .andRoute(
            PAGES,
            request ->
                index.exists()
                    ? ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        // The page names its scripts by content hash: it must be fetched fresh to see a new build.
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(index)
                    : ServerResponse.status(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("The console is not part of this build of the gateway"));
  }
}
