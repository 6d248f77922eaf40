package io.metalstack.peering.cli;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where metalctl sends requests, and with which token. Each is taken from the first that has it:
 * the flag ({@code --api-url}, {@code --api-token}), the environment ({@code METALCTL_API_URL},
 * {@code METALCTL_API_TOKEN}), the current context of the config file.
 */
record Connection(String url, Optional<String> token, String urlSource) {
    static final String ENV_URL = "METALCTL_API_URL";
    static final String ENV_TOKEN = "METALCTL_API_TOKEN";

    Connection {
        requireNonNull(url, "url is null");
        requireNonNull(token, "token is null");
        requireNonNull(urlSource, "urlSource is null");
    }

    static Connection resolve(String flagUrl, String flagToken, Map<String, String> env, MetalctlConfig config) {
        Optional<MetalctlConfig.Context> context = config.currentContext();
        String url;
        String source;
        if (present(flagUrl)) {
            url = flagUrl;
            source = "--api-url";
        } else if (present(env.get(ENV_URL))) {
            url = env.get(ENV_URL);
            source = ENV_URL;
        } else if (context.map(MetalctlConfig.Context::url).filter(Connection::present).isPresent()) {
            url = context.get().url();
            source = "context \"" + config.current() + "\"";
        } else {
            throw CliException.usage("no API URL: pass --api-url, set %s, or add a context with `metalctl context add NAME --url URL`", ENV_URL);
        }
        String token = present(flagToken) ? flagToken
                : present(env.get(ENV_TOKEN)) ? env.get(ENV_TOKEN)
                : context.map(MetalctlConfig.Context::token).filter(Connection::present).orElse(null);
        return new Connection(stripSlash(url), Optional.ofNullable(token), source);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String stripSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
