// Recognition: which provider owns each document of a file, what it holds (subjects to check, objects
// it skips with a reason, fields the API server would refuse), and the file's index of its objects.
import { positionOf } from '../input/source.ts';
import type { DocPath, Neighbours, ParseError, SkippedDocument, SourceDocument, Subject } from '../model.ts';
import { formatPath } from '../model.ts';
import type { ProviderModule, RecognisedSubject, Recognition } from '../providers/types.ts';
import { isObject } from '../util/object.ts';
import { internalMessage } from './internal.ts';

export interface Recognised {
  subjects: Subject[];
  skipped: SkippedDocument[];
  errors: ParseError[];
}

/** Recognises every document; a provider that throws costs only its document. */
export function recogniseDocuments(
  documents: readonly SourceDocument[],
  file: string,
  providers: readonly ProviderModule[],
): Recognised {
  const errors: ParseError[] = [];
  const skipped: SkippedDocument[] = [];
  const recognised: RecognisedSubject[] = [];
  for (const source of documents) {
    let recognition: Recognition | undefined;
    try {
      recognition = firstRecognition(providers, source);
    } catch (error) {
      errors.push({
        ...at(source, []),
        document: source.index,
        message: internalMessage('reading this document', error),
      });
      continue;
    }
    if (!recognition) {
      skipped.push({
        file,
        document: source.index,
        object: describe(source.value),
        reason: 'not a document ksec checks',
      });
      continue;
    }
    recognised.push(...recognition.subjects);
    for (const skip of recognition.skipped ?? []) {
      skipped.push({ file, document: source.index, object: skip.object, reason: skip.reason });
    }
    // An object the API server would refuse is an input error, at the offending field.
    for (const invalid of recognition.invalid ?? []) {
      errors.push({
        ...at(source, invalid.path),
        document: source.index,
        object: invalid.object,
        message: `${invalid.object}: ${formatPath(invalid.path)}: ${invalid.message}`,
      });
    }
  }
  return { subjects: linkNeighbours(recognised), skipped, errors };
}

/** file, line and column of a path in a document. */
export function at(source: SourceDocument, path: DocPath): Pick<ParseError, 'file' | 'line' | 'column'> {
  const position = positionOf(source, path);
  return { file: source.file, line: position.line, column: position.column };
}

/**
 * Gives every object of a file one shared index of the file's objects by provider and kind, so that
 * linking costs one pass over the file, not a comparison of every object with every other.
 */
function linkNeighbours(recognised: readonly RecognisedSubject[]): Subject[] {
  const byKind = new Map<string, Subject[]>();
  const neighbours: Neighbours = { ofKind: (provider, kind) => byKind.get(`${provider}\u0000${kind}`) ?? [] };
  const subjects = recognised.map((subject): Subject => ({ ...subject, neighbours }));
  for (const subject of subjects) {
    const key = `${subject.provider}\u0000${subject.kind}`;
    const list = byKind.get(key);
    if (list) list.push(subject);
    else byKind.set(key, [subject]);
  }
  return subjects;
}

function firstRecognition(providers: readonly ProviderModule[], source: SourceDocument) {
  for (const provider of providers) {
    const recognition = provider.recognise(source);
    if (recognition) return recognition;
  }
  return undefined;
}

/** How a skipped document is named: `apps/v1 Deployment`, `a YAML list`, … */
function describe(value: unknown): string {
  if (!isObject(value)) return Array.isArray(value) ? 'a YAML list' : `a ${typeof value} value`;
  const kind = typeof value.kind === 'string' ? value.kind : undefined;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
  if (kind && apiVersion) return `${apiVersion} ${kind}`;
  if (kind) return `kind ${kind}`;
  return 'a mapping with no apiVersion/kind';
}
