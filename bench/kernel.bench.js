/**
 * Kernel benchmark: start-up time (spawn to the first kernel_info_reply) and the round trip of a trivial
 * cell (execute_request to idle), through the kernel's test client over ZeroMQ. Targets: start < 3 s,
 * trivial cell < 20 ms. Build first (npm run build).
 */
const path = require('node:path');
const { KernelClient, kernelSpec } = require('@emotrans/kernel');

async function main() {
  const argv = kernelSpec().argv;
  const cwd = path.join(__dirname, '..', 'notebooks');
  const starts = [];
  let client;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const c = await KernelClient.start(argv, { cwd });
    starts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (i < 2) await c.close();
    else client = c;
  }
  // Let the type checker finish warming up, then one cell that loads nothing.
  await client.execute('1 + 1');
  const trivial = [];
  for (let i = 0; i < 30; i++) {
    const t0 = process.hrtime.bigint();
    const { reply } = await client.execute(`${i} + 1`);
    trivial.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (reply.content.status !== 'ok') throw new Error(`trivial cell failed: ${JSON.stringify(reply.content)}`);
  }
  const withState = [];
  await client.execute('const counter = { n: 0 };');
  for (let i = 0; i < 10; i++) {
    const t0 = process.hrtime.bigint();
    await client.execute(`counter.n += ${i};\nconst last${i} = counter.n;\nlast${i}`);
    withState.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await client.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (x) => x.toFixed(1).padStart(8);
  console.log(`kernel start-up (spawn → kernel_info_reply), ms: ${starts.map(fmt).join(' ')}   (target < 3000)`);
  console.log(`trivial cell round trip (execute_request → idle), median ms: ${fmt(median(trivial))}  min ${fmt(Math.min(...trivial))}  max ${fmt(Math.max(...trivial))}   (target < 20)`);
  console.log(`cell declaring a name after ${10} declaring cells, median ms: ${fmt(median(withState))}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
