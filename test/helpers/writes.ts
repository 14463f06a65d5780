// What the write-safety tests share, in-process and against the built CLI: a kops cluster that
// `--fix` changes, file-system errors as Node raises them, and the temporary files a write leaves.
import { readdirSync } from 'node:fs';

/** A kops Cluster with two fixable findings: --fix sets kubelet.anonymousAuth and authorization. */
export const FIXABLE_CLUSTER = `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: fixture.example.com
spec:
  kubernetesVersion: 1.33.0
`;

/** An error as Node's fs raises it, for the write module's fault hook to throw. */
export function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall} '${path}'`), { code, syscall, path });
}

/** The `.ksec-tmp-*` files and directories anywhere under `dir`, relative to it. */
export function tempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) =>
    path.includes('.ksec-tmp-'),
  );
}
