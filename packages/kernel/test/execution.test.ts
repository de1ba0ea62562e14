import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KernelClient, kernelSpec } from '@emotrans/kernel';

const text = (m: { content: Record<string, unknown> }) => String(m.content.text ?? '');
const plain = (outputs: { header: { msg_type: string }; content: Record<string, unknown> }[]) =>
  outputs.filter((o) => o.header.msg_type === 'execute_result').map((o) => (o.content.data as Record<string, string>)['text/plain']);

// Execution behaviour seen from a client over the wire: streaming, interrupts the runtime cannot honour,
// completion that knows earlier cells, images.
describe('cell execution', () => {
  let client: KernelClient;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-execution-'));
  beforeAll(async () => {
    client = await KernelClient.start(kernelSpec().argv, { cwd: dir });
  });
  afterAll(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams console output while the cell is still running', async () => {
    const flag = path.join(dir, 'go-on');
    let sawFirst = false;
    // The cell waits for a file the test writes only once the first line has arrived: without streaming it never ends.
    client.onIopub((m) => {
      if (!sawFirst && m.header.msg_type === 'stream' && text(m).includes('first line')) {
        sawFirst = true;
        fs.writeFileSync(flag, '');
      }
    });
    const code = [
      "import fs from 'node:fs';",
      "console.log('first line');",
      `while (!fs.existsSync(${JSON.stringify(flag)})) await new Promise((r) => setTimeout(r, 20));`,
      "console.log('second line');",
    ].join('\n');
    const { reply, outputs } = await client.execute(code);
    expect(reply.content.status).toBe('ok');
    expect(sawFirst).toBe(true);
    expect(outputs.filter((o) => o.header.msg_type === 'stream').map(text).join('')).toBe('first line\nsecond line\n');
  });

  it('delivers a flood of output complete and in order, in batches', async () => {
    const { outputs } = await client.execute("for (let i = 0; i < 20000; i++) console.log('line ' + i);\nconsole.error('done');");
    const streams = outputs.filter((o) => o.header.msg_type === 'stream');
    const stdout = streams.filter((o) => o.content.name === 'stdout').map(text).join('');
    expect(stdout).toBe(Array.from({ length: 20000 }, (_, i) => `line ${i}\n`).join(''));
    expect(streams[streams.length - 1].content).toEqual({ name: 'stderr', text: 'done\n' });
    expect(streams.length).toBeLessThan(200);
  });

  const interrupting = async (code: string, afterMs: number) => {
    const running = client.execute(code);
    await new Promise((r) => setTimeout(r, afterMs));
    await client.request('control', 'interrupt_request', {});
    return running;
  };

  it('interrupts synchronous code running after an await, keeping the variables', async () => {
    await client.execute('const keptValue = 41;');
    const { reply } = await interrupting('await Promise.resolve();\nwhile (true) {}', 400);
    expect(reply.content).toMatchObject({ status: 'error', ename: 'Interrupted' });
    expect(plain((await client.execute('keptValue + 1')).outputs)).toEqual(['42']);
  });

  it('cancels the work an interrupted cell left: no more writes, no output under the next cell', async () => {
    const file = path.join(dir, 'ticks.txt');
    const code = `let ticks = 0;\nwhile (true) {\n  ticks++;\n  console.log('tick ' + ticks);\n  require('node:fs').writeFileSync(${JSON.stringify(file)}, String(ticks));\n  await new Promise((r) => setTimeout(r, 50));\n}`;
    const { reply } = await interrupting(code, 500);
    expect(reply.content.ename).toBe('Interrupted');
    const written = fs.readFileSync(file, 'utf8');
    const next = await client.execute('await new Promise((r) => setTimeout(r, 600));\nticks');
    expect(next.outputs.filter((o) => o.header.msg_type === 'stream')).toEqual([]);
    expect(plain(next.outputs)).toEqual([written]);
    expect(fs.readFileSync(file, 'utf8')).toBe(written);
  });

  it('replaces the runtime when an interrupted cell is blocked outside JavaScript, and says so', async () => {
    await client.execute('const beforeBlock = 1;');
    const { reply } = await interrupting("require('node:child_process').execSync('sleep 30');", 300);
    expect(reply.content.status).toBe('error');
    expect(reply.content.ename).toBe('RuntimeRestarted');
    expect(String(reply.content.evalue)).toMatch(/variables are lost/);
    const after = await client.execute('typeof (globalThis as any).beforeBlock');
    expect(plain(after.outputs)).toEqual(["'undefined'"]);
    // and the type checker forgot the old declarations too: the name may be declared afresh
    const again = await client.execute('const beforeBlock = "new";\nbeforeBlock');
    expect(plain(again.outputs)).toEqual(["'new'"]);
  });

  it('evaluates user_expressions as TypeScript, with a time limit', async () => {
    await client.execute('const base = 20;');
    const { reply } = await client.execute('1', { user_expressions: { typed: 'base as number * 2', endless: '(() => { while (true) {} })()', bad: 'base +* 1' } });
    const results = reply.content.user_expressions as Record<string, Record<string, unknown>>;
    expect(results.typed).toMatchObject({ status: 'ok', data: { 'text/plain': '40' } });
    expect(results.endless).toMatchObject({ status: 'error' });
    expect(String(results.endless.evalue)).toMatch(/timed out/);
    expect(results.bad).toMatchObject({ status: 'error', ename: 'SyntaxError' });
    expect(plain((await client.execute('base')).outputs)).toEqual(['20']);
  });

  it('closes a comm it has no target for (comm_open answered by comm_close)', async () => {
    const closed = new Promise<Record<string, unknown>>((resolve) => client.onIopub((m) => m.header.msg_type === 'comm_close' && resolve(m.content)));
    await client.sendRaw('shell', client.message('comm_open', { comm_id: 'c-1', target_name: 'no-such-target', data: {} }).frames);
    expect(await closed).toEqual({ comm_id: 'c-1', data: {} });
  });

  it('completes names declared by earlier cells, with their types', async () => {
    await client.execute('const earlierCellValue = { alpha: 1, beta: "b" };');
    const names = await client.request('shell', 'complete_request', { code: 'earlierCellV', cursor_pos: 12 });
    expect(names.content.matches).toEqual(['earlierCellValue']);
    expect(names.content.cursor_start).toBe(0);
    const members = await client.request('shell', 'complete_request', { code: 'earlierCellValue.', cursor_pos: 17 });
    expect(members.content.matches).toEqual(['alpha', 'beta']);
    const info = await client.request('shell', 'inspect_request', { code: 'earlierCellValue', cursor_pos: 5, detail_level: 0 });
    expect((info.content.data as Record<string, string>)['text/plain']).toContain('alpha: number');
  });

  it('completes @emotrans/ package names in a folder that has none installed (from the kernel installation)', async () => {
    const code = "import { createSession } from '@emotrans/c";
    const reply = await client.request('shell', 'complete_request', { code, cursor_pos: code.length });
    expect(reply.content.matches).toContain('@emotrans/core');
    expect(reply.content.cursor_start).toBe(code.indexOf('@'));
  });

  it('counts cursor positions in code points (characters beyond the BMP)', async () => {
    const code = "const emoji = '😀'; emoji.toUpperC";
    const reply = await client.request('shell', 'complete_request', { code, cursor_pos: Array.from(code).length });
    expect(reply.content.matches).toEqual(['toUpperCase']);
    expect(reply.content.cursor_end).toBe(Array.from(code).length);
  });

  it('runs silent cells without publishing inputs or results, and counts only stored ones', async () => {
    const before = await client.execute('1');
    const count = Number(before.reply.content.execution_count);
    const silent = await client.execute('const silentValue = 5;\nsilentValue', { silent: true, store_history: false });
    expect(silent.reply.content.status).toBe('ok');
    expect(silent.outputs.map((o) => o.header.msg_type)).toEqual([]);
    const unstored = await client.execute('silentValue + 1', { store_history: false });
    expect(plain(unstored.outputs)).toEqual(['6']);
    expect(unstored.reply.content.execution_count).toBe(count);
    const stored = await client.execute('silentValue + 2');
    expect(stored.reply.content.execution_count).toBe(count + 1);
  });

  it('updates an output shown with a display id', async () => {
    const { outputs } = await client.execute("display('first', { id: 'progress' });\ndisplay.update('progress', 'second');");
    const displays = outputs.filter((o) => o.header.msg_type.endsWith('display_data'));
    expect(displays.map((o) => [o.header.msg_type, (o.content.data as Record<string, string>)['text/plain'], (o.content.transient as Record<string, string>).display_id])).toEqual([
      ['display_data', "'first'", 'progress'],
      ['update_display_data', "'second'", 'progress'],
    ]);
  });

  it('supports dynamic import() in cells', async () => {
    const { reply, outputs } = await client.execute("const { posix } = await import('node:path');\nposix.join('a', 'b')");
    expect(reply.content.status).toBe('ok');
    expect(plain(outputs)).toEqual(["'a/b'"]);
    expect(outputs.filter((o) => o.header.msg_type === 'stream')).toEqual([]);
  });

  it('imports a local TypeScript file, with its types', async () => {
    fs.writeFileSync(path.join(dir, 'helper.ts'), 'export function triple(n: number): number {\n  return 3 * n;\n}\n');
    const ok = await client.execute("import { triple } from './helper';\ntriple(14)");
    expect(plain(ok.outputs)).toEqual(['42']);
    const wrong = await client.execute("triple('14')");
    expect(wrong.reply.content.ename).toBe('TSError');
  });

  it('displays image bytes as image/png', async () => {
    const png = '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082';
    const { outputs } = await client.execute(`display(Buffer.from('${png}', 'hex'))`);
    const shown = outputs.find((o) => o.header.msg_type === 'display_data');
    expect((shown?.content.data as Record<string, string>)['image/png']).toBe(Buffer.from(png, 'hex').toString('base64'));
  });
});
