import { ContainerModule } from 'inversify';
import { contribute, createContainer, registryOf, TransferMethodContribution, type TransferMethod } from '@emotrans/core';

function transfer(id: string): TransferMethod {
  return {
    manifest: { id, kind: 'transfer', description: `test transfer ${id}`, options: { type: 'object', properties: {} } },
    fit: async () => ({ transform: (m) => m }),
  };
}

describe('contribution registry', () => {
  it('finds contributions by kind and id across modules', () => {
    const registry = registryOf(createContainer([contribute(transfer('dae')), contribute(transfer('coral'))]));
    expect(registry.get('transfer', 'dae').manifest.id).toBe('dae');
    expect(registry.list('transfer').map((t) => t.manifest.id)).toEqual(['coral', 'dae']);
    expect(registry.has('transfer', 'coral')).toBe(true);
    expect(registry.list('regressor')).toEqual([]);
  });

  it('refuses a metric that does not say whether higher is better (best-of-k would silently invert)', () => {
    const undirected = { manifest: { id: 'mae', kind: 'metric', description: 'mean absolute error', options: {} }, score: () => 0 };
    const registry = registryOf(createContainer([contribute(undirected as never)]));
    expect(() => registry.get('metric', 'mae')).toThrow(/metric 'mae' does not declare manifest\.higherIsBetter/);
  });

  it('sees modules loaded after the registry was first used', () => {
    const container = createContainer([contribute(transfer('a'))]);
    const registry = registryOf(container);
    expect(registry.list('transfer')).toHaveLength(1);
    container.load(contribute(transfer('b')));
    expect(registry.get('transfer', 'b').manifest.id).toBe('b');
  });

  it('fails on an unknown id with the list of known ids', () => {
    const registry = registryOf(createContainer([contribute(transfer('dae')), contribute(transfer('none'))]));
    expect(() => registry.get('transfer', 'daee')).toThrow("unknown transfer 'daee'; known transfer ids: 'dae', 'none'");
    expect(() => registry.get('regressor', 'lstm')).toThrow(/unknown regressor 'lstm'; known regressor ids: none/);
  });

  it('rejects two contributions with the same id', () => {
    const registry = registryOf(createContainer([contribute(transfer('dae')), contribute(transfer('dae'))]));
    expect(() => registry.list('transfer')).toThrow(/two plugins contribute a transfer with id 'dae'/);
  });

  it('rejects a binding whose manifest is missing or of another kind', () => {
    const bad = new ContainerModule((bind) => {
      bind(TransferMethodContribution).toConstantValue({ manifest: { id: 'x', kind: 'regressor' } });
    });
    expect(() => registryOf(createContainer([bad])).list('transfer')).toThrow(/without a valid manifest to the transfer contribution point/);
  });
});
