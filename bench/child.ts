// Runs the CLI in this process and reports its exit code and peak memory on stderr, for bench/run.ts.
// Same environment treatment as bin/pmlint.js, so the bench measures what users run.
process.env = { ...process.env };
// The bundled CLI, as bin/pmlint.js loads it (a string specifier: tsc does not check a build output).
const bundle = '../bundle/main.js';
const { main } = (await import(bundle)) as typeof import('../src/cli/main.js');

const code = await main(process.argv.slice(2), {
  stdout: { write: () => true },
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
process.stderr.write(`\n@@bench ${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
