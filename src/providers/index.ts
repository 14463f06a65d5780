import { gkeProvider } from './gke/index.ts';
import { kopsProvider } from './kops/index.ts';
import type { ProviderModule } from './types.ts';
import { workloadProvider } from './workload/index.ts';

/**
 * Providers in the order they are asked to recognise a document; the first that answers owns it.
 * GKE recognises by shape and never claims a document with apiVersion/kind, so it cannot steal
 * a kops or Kubernetes document whatever its position.
 */
export const providers: readonly ProviderModule[] = [kopsProvider, gkeProvider, workloadProvider];
