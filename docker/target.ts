/** Where a Docker daemon is and how to reach it. Holds file paths, never key material. */
export interface DockerTarget {
  /** The endpoint as a URL for messages: unix:///var/run/docker.sock, tcp://h:2376, ssh://u@h. */
  url: string;
  kind: 'unix' | 'tcp' | 'ssh' | 'npipe';
  /** Which rule picked it (flag > spec > setting > DOCKER_HOST > docker context > default). */
  source: 'flag' | 'spec' | 'setting' | 'env' | 'context' | 'default';
  socketPath?: string;
  host?: string;
  port?: number;
  username?: string;
  tls?: TlsFiles;
  /** The docker CLI context it came from. */
  context?: string;
  /** ssh-agent socket for ssh:// (SSH_AUTH_SOCK). */
  sshAgent?: string;
  /**
   * ssh:// host keys: checked against known_hosts unless the user opted out explicitly
   * (`--ssh-skip-host-key-check`, setting `macvlan.docker.sshHostKeyCheck: false`).
   */
  sshHostKeyCheck?: boolean;
  /** known_hosts files to read (default ~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts). */
  knownHostsFiles?: string[];
}

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  /** Verify the daemon's certificate (false: DOCKER_TLS without _VERIFY, or a context's SkipTLSVerify). */
  verify: boolean;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** A target with TLS counts as secured; ssh and unix sockets are secured by their transport. */
export function isPlainTcp(t: DockerTarget): boolean {
  return t.kind === 'tcp' && !t.tls;
}
