// One identity per finding, the same from run to run while the problem stays: the rule, the file (as
// named within its operand), the object and the path, with list entries named by what they hold
// rather than by their position, so that adding a container or a CIDR above does not make every
// finding below it look new. SARIF's partialFingerprints, --baseline and exemptions by `id` use it.
import { createHash } from 'node:crypto';
import type { DocPath } from '../model.ts';
import { isObject } from '../util/object.ts';

/**
 * The path with each list index replaced by what identifies its entry: `[name=app]` for a mapping
 * with a name (containers, volumes, node pools, subnets), `[=0.0.0.0/0]` for a scalar (CIDRs, roles);
 * the index stays for anything else.
 */
export function stablePath(root: unknown, path: DocPath): string {
  let node: unknown = root;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' && Array.isArray(node)) {
      const item = node[segment];
      if (isObject(item) && typeof item.name === 'string') out += `[name=${item.name}]`;
      else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
        out += `[=${item}]`;
      else out += `[${segment}]`;
      node = item;
    } else {
      out += `.${String(segment)}`;
      node = isObject(node) ? node[String(segment)] : undefined;
    }
  }
  return out;
}

export interface IdentityParts {
  ruleId: string;
  /** The file as named within its operand: a path inside a walked directory, or the file's own name. */
  fileKey: string;
  object: string;
  /** stablePath of the finding. */
  path: string;
}

/** 20 hex digits of SHA-256 over the parts: short enough to paste into an exemption. */
export function findingId(parts: IdentityParts): string {
  return createHash('sha256')
    .update([parts.ruleId, parts.fileKey, parts.object, parts.path].join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}
