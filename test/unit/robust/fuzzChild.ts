// The child process of Sandbox: runs one job per message and answers with stats or the error.
import { checkInvariants, checkOnly, serviceInvariants } from './invariants';
import type { Job, Reply } from './sandbox';

process.on('message', (m: { id: number; job: Job }) => {
  let reply: Reply;
  try {
    const job = m.job;
    const stats = job.kind === 'core' ? checkInvariants(job.text) : job.kind === 'check' ? checkOnly(job.text) : serviceInvariants(job.text, job.offsets);
    reply = { id: m.id, ok: true, stats };
  } catch (err) {
    reply = { id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  process.send?.(reply);
});
