// Validates kops objects against the real kops CRD schemas (test/fixtures/crds), strictly: an
// unknown field is an error, as with `kubectl apply --validate=strict`, so a typo in a template
// cannot pass as "pruned".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const CRDS = join(import.meta.dirname, '..', 'fixtures', 'crds');

type Schema = Record<string, unknown>;

/** Closes every object schema that lists its properties and does not explicitly keep unknown fields. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, strict(sub)]))
        : strict(value);
  }
  if (
    out.type === 'object' &&
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function loadValidator(file: string): ValidateFunction {
  const crd = parse(readFileSync(join(CRDS, file), 'utf8')) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
  };
  const version = crd.spec.versions.find((v) => v.name === 'v1alpha2');
  if (!version) throw new Error(`${file} has no v1alpha2 version`);
  // OpenAPI formats (int32, int64, byte) are not JSON Schema formats; the types still apply.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(strict(version.schema.openAPIV3Schema) as Schema);
}

let validators: { Cluster: ValidateFunction; InstanceGroup: ValidateFunction } | undefined;

/** The CRD errors of a kops object, as `path: message` lines (empty when it is valid). */
export function kopsSchemaErrors(object: Record<string, unknown>): string[] {
  validators ??= {
    Cluster: loadValidator('kops.k8s.io_clusters.yaml'),
    InstanceGroup: loadValidator('kops.k8s.io_instancegroups.yaml'),
  };
  const kind = object.kind;
  if (kind !== 'Cluster' && kind !== 'InstanceGroup') return [`not a kops object: kind ${String(kind)}`];
  const validate = validators[kind];
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}
