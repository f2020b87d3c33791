import type { Rule } from './types';

/**
 * MV501: a host reached over `tcp://` without `tls`. The Docker API is root on that host, and
 * plain TCP gives it to anyone who can reach the port.
 *
 * Decided here (the design page leaves it open):
 * - The scheme is matched case-insensitively (Docker itself lowercases it).
 * - Any `tls:` mapping counts as TLS; whether its files are complete is the schema's business.
 * - Loopback addresses are not exempt: every local user (and every container with host
 *   networking) can reach a loopback port too.
 * - Hosts given by `context:` are not checked: the endpoint lives in the docker CLI's context
 *   store, outside the spec.
 */
export const rule: Rule = {
  code: 'MV501',
  title: 'tcp:// host without TLS',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const h of ctx.facts.model.hosts) {
      const docker = h.docker;
      if (!docker || h.tls || !/^tcp:\/\//i.test(docker.value.trim())) continue;
      report({
        message: `host ${h.name} is reached over ${docker.value} without tls: the Docker API is root on that host and plain TCP hands it to anyone who can reach the port — add tls: { ca, cert, key } (port 2376), or use ssh://`,
        span: docker.span,
        path: docker.path,
      });
    }
  },
};
