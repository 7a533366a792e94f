/**
 * `npm run sim`: the engine headless. Runs a scenario for a simulated duration and prints
 * xdp_redirect_cpu-style tables (--text), xdp-bench redirect-cpu's lines (--format xdp-bench),
 * trace_pipe lines (--trace) or one JSON object (--json).
 * The work is run.ts's runCli; this writes what it prints to the process's streams as it prints
 * it (so stdout and stderr interleave as they always did) and exits with its code.
 */
import { runCli } from './run';

const code = runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
process.exitCode = code;
