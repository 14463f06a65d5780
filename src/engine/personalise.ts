// A rule's fix snippet, written for the object a finding is about: a workload's snippet sits where
// it belongs in that workload (under spec.template.spec of a Deployment, spec.jobTemplate… of a
// CronJob), names the container the finding is about (`shop`, not `app`), in its own list
// (initContainers…), and keeps the image and the service account the manifest has. Pasting it then
// changes the right thing. Values from the manifest are written as YAML that reads back as written.
import { scalarYaml } from '../input/yaml-emit.ts';
import type { DocPath, Subject } from '../model.ts';
import { CONTAINER_LISTS, podSpecPath } from '../providers/workload/pod.ts';
import { getIn, isObject } from '../util/object.ts';

const CONTAINER_SNIPPET = /^containers:\n- name: app\n/;
const PLACEHOLDER_IMAGE = 'registry.example.com/app:1.4.2@sha256:<digest>';

export function personaliseSnippet(snippet: string, subject: Subject, path: DocPath): string {
  if (subject.provider !== 'workload' || !subject.kind || subject.kind.endsWith('Binding')) return snippet;
  const podPath = [...subject.base, ...podSpecPath(subject.kind)];
  const inPod = podPath.every((segment, i) => path[i] === segment);
  if (!inPod) return snippet;
  const podSpec = getIn(subject.source.value, podPath);
  const listName = path[podPath.length];
  const index = path[podPath.length + 1];
  const container =
    typeof listName === 'string' &&
    (CONTAINER_LISTS as readonly string[]).includes(listName) &&
    typeof index === 'number'
      ? getIn(podSpec, [listName, index])
      : undefined;
  const containerName =
    isObject(container) && typeof container.name === 'string' ? container.name : undefined;

  let body: string | undefined;
  if (snippet.startsWith('spec:\n')) {
    body = dedent(snippet.slice('spec:\n'.length));
  } else if (CONTAINER_SNIPPET.test(snippet)) {
    const list = containerName ? (listName as string) : 'containers';
    body = snippet.replace(
      CONTAINER_SNIPPET,
      `${list}:\n- name: ${scalarYaml(containerName ?? 'app', 'block')}\n`,
    );
  } else if (snippet.startsWith('securityContext:') && containerName) {
    body = `${listName as string}:\n- name: ${scalarYaml(containerName, 'block')}\n${indent(snippet, 2)}`;
  } else if (snippet.startsWith('volumes:')) {
    body = snippet;
  }
  if (body === undefined) return snippet;

  const image = isObject(container) && typeof container.image === 'string' ? container.image : undefined;
  if (image && body.includes(PLACEHOLDER_IMAGE)) {
    body = body.replace(PLACEHOLDER_IMAGE, `${scalarYaml(`${repository(image)}@sha256:<digest>`, 'block')}`);
  }
  const account =
    isObject(podSpec) && typeof podSpec.serviceAccountName === 'string'
      ? podSpec.serviceAccountName
      : undefined;
  body = body.replace(
    /^( *serviceAccountName: )app$/m,
    (_, key: string) => `${key}${scalarYaml(account ?? objectName(subject), 'block')}`,
  );
  return nest(podSpecPath(subject.kind), body);
}

/** `nginx:1.27` → `nginx`; `registry:5000/team/app:v2@sha256:…` → `registry:5000/team/app`. */
function repository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

function objectName(subject: Subject): string {
  const slash = subject.object.indexOf('/');
  return slash >= 0 ? subject.object.slice(slash + 1) : 'app';
}

/** The body under each key of the path: `spec:\n  template:\n    spec:\n      …`. */
function nest(path: DocPath, body: string): string {
  let out = body.endsWith('\n') ? body : `${body}\n`;
  for (let i = path.length - 1; i >= 0; i--) out = `${String(path[i])}:\n${indent(out, 2)}`;
  return out;
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const widths = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const by = Math.min(...widths, Number.POSITIVE_INFINITY);
  return lines.map((l) => l.slice(Number.isFinite(by) ? by : 0)).join('\n');
}
