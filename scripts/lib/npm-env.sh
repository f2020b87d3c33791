#!/usr/bin/env bash
# Sourced by the install scripts. Under `npm test` / `npm start` every child inherits the outer
# npm's lifecycle variables, and a nested `npm install` takes them as its own configuration:
# npm_config_user_agent still names the outer Node (code-server's postinstall reads the Node
# major from it and refused Node 24 because it said v20), npm_config_node_gyp / nodedir / prefix
# point at the outer Node's tools and headers, npm_package_* and npm_lifecycle_* describe our
# package. A nested install must see only what its own npm and the npmrc files say.
#
# Kept: settings a user sets to reach a registry at all (registry, proxies, certificates, cache);
# npm never sets these per script, so when they are in the environment the user put them there.

clean_npm_env() {
  local v lower
  for v in $(compgen -e); do
    lower=${v,,}
    case "$lower" in
      npm_config_registry | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | \
        npm_config_cafile | npm_config_ca | npm_config_strict_ssl | npm_config_cache) ;;
      npm_* | init_cwd | node | node_options) unset "$v" ;;
    esac
  done
}
