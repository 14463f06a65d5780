import { parseCidr } from '../../util/cidr.ts';
import type { Question } from '../types.ts';
import { suggestCidrNetworks, toList, validateCidrList, worldOpen, worldOpenSubject } from '../validate.ts';

/** GKE authorized networks are IPv4 CIDRs, at most 50 for a cluster with a public endpoint. */
export function validateGkeAuthorizedNetworks(value: unknown): true | string {
  if (!Array.isArray(value) || value.length === 0)
    return 'at least one CIDR is required, e.g. 203.0.113.0/24 (your office, VPN or CI egress)';
  if (value.length > 50) return `GKE accepts at most 50 authorized networks (got ${value.length})`;
  for (const entry of value) {
    const parsed = parseCidr(String(entry));
    if (!parsed.ok) return parsed.reason;
    if (parsed.cidr.family !== 4) return `"${String(entry)}": GKE authorized networks take IPv4 CIDRs`;
    if (parsed.cidr.hostBitsSet)
      return `"${String(entry)}" has host bits set: the network is ${parsed.cidr.network}`;
  }
  return true;
}

/**
 * The API allowlist, one question for every provider (kops `kubernetesApiAccess`, GKE authorized
 * networks), so `--api-cidr` means the same thing whichever provider is chosen. Listed in both
 * provider groups; only one of them applies to a run.
 */
export const apiCidrsQuestion: Question = {
  name: 'apiCidrs',
  label: 'Networks that reach the API',
  flag: 'api-cidr',
  type: 'list',
  placeholder: 'CIDR',
  message: 'Networks allowed to reach the Kubernetes API (CIDRs, comma-separated)',
  why: 'An allowlist gives you time to patch the next API server vulnerability before every scanner finds it.',
  normalise: (value) => toList(value),
  validate: (value, answers) =>
    answers.provider === 'gke'
      ? validateGkeAuthorizedNetworks(value)
      : validateCidrList(value, { allowEmpty: false }),
  suggest: suggestCidrNetworks,
  risk: {
    name: 'confirmOpenApi',
    flag: 'confirm-open-api',
    check: (value) => {
      const open = worldOpen(value);
      return open.length > 0
        ? `${worldOpenSubject(open)} the Kubernetes API to the whole internet; ksec diff will keep flagging it`
        : undefined;
    },
  },
};
