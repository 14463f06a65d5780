// Validates kops objects against the real kops CRD schemas (test/fixtures/crds), strictly: an
// unknown field is an error, as with `kubectl apply --validate=strict`, so a typo in a template
// cannot pass as "pruned".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const CRDS = join(import.meta.dirname, '..', 'fixtures', 'crds');

type Schema = Record<string, unknown>;
type KopsKind = 'Cluster' | 'InstanceGroup';

/**
 * Rejects unknown fields the way `kubectl --validate=strict` does: every object schema that lists
 * `properties`, says nothing about additionalProperties and does not keep unknown fields
 * (x-kubernetes-preserve-unknown-fields) gets `additionalProperties: false`.
 */
function strictSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    // `properties` maps field names to schemas: recurse into each schema, not the map itself.
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, strictSchema(sub)]))
        : strictSchema(value);
  }
  if (
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function loadSchema(file: string, version: string): Schema {
  const crd = parse(readFileSync(join(CRDS, file), 'utf8')) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
  };
  const found = crd.spec.versions.find((v) => v.name === version);
  if (!found) throw new Error(`${file} has no version ${version}`);
  return strictSchema(found.schema.openAPIV3Schema) as Schema;
}

export interface KindValidator {
  /** The whole object (apiVersion, kind, metadata, spec). */
  object: ValidateFunction;
  /** Only its spec, so an error points inside it. */
  spec: ValidateFunction;
}

let cached: Record<KopsKind, KindValidator> | undefined;

/** Validators for kops.k8s.io/v1alpha2 Cluster and InstanceGroup from the real CRDs. */
export function kopsValidators(): Record<KopsKind, KindValidator> {
  if (cached) return cached;
  // The CRDs use Kubernetes extensions (x-kubernetes-*) and int32/int64 formats that are not JSON
  // Schema: accept the keywords, and check the integer formats' ranges ourselves.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  const make = (file: string): KindValidator => {
    const schema = loadSchema(file, 'v1alpha2');
    const spec = (schema.properties as Schema).spec as Schema;
    return { object: ajv.compile(schema), spec: ajv.compile(spec) };
  };
  cached = {
    Cluster: make('kops.k8s.io_clusters.yaml'),
    InstanceGroup: make('kops.k8s.io_instancegroups.yaml'),
  };
  return cached;
}

/** The CRD errors of a whole kops object, as `path: message` lines (empty when it is valid). */
export function kopsSchemaErrors(object: Record<string, unknown>): string[] {
  const kind = object.kind;
  if (kind !== 'Cluster' && kind !== 'InstanceGroup') return [`not a kops object: kind ${String(kind)}`];
  const validate = kopsValidators()[kind].object;
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}
