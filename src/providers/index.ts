import { kopsProvider } from './kops/index.ts';
import type { ProviderModule } from './types.ts';
import { workloadProvider } from './workload/index.ts';

/** Providers in the order they are asked to recognise a document; the first that answers owns it. */
export const providers: readonly ProviderModule[] = [kopsProvider, workloadProvider];

export function acceptedInputs(): string {
  return providers.map((p) => p.accepts).join('; ');
}
