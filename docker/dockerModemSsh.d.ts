// docker-modem's ssh transport (an http.Agent whose connections are `docker system dial-stdio`
// over ssh2); the package ships no types for it.
declare module 'docker-modem/lib/ssh' {
  import type { Agent } from 'node:http';
  const sshAgent: (opts: Record<string, unknown>) => Agent;
  export = sshAgent;
}
