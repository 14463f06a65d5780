import type { DocPath, Provider, SourceDocument, Subject, SubjectScore } from '../model.ts';

/** A recognised object before the engine links it to its neighbours. */
export type RecognisedSubject = Omit<Subject, 'neighbours'>;

export type Recognition =
  /** The document holds objects this provider checks. */
  | { subjects: RecognisedSubject[]; skipped?: SkippedObject[]; invalid?: InvalidObject[] }
  /** The document belongs to this provider but is of a kind ksec does not check. */
  | { subjects: []; skipped: SkippedObject[]; invalid?: InvalidObject[] };

/** An object this provider owns but cannot check: a field the API server would refuse. Reported as an error. */
export interface InvalidObject {
  object: string;
  /** Inside the document. */
  path: DocPath;
  message: string;
}

export interface SkippedObject {
  object: string;
  reason: string;
  path?: DocPath;
}

/**
 * A provider owns one family of inputs: how to recognise its documents, where its settings
 * live (including renamed paths across API versions), and how to name its objects.
 */
export interface ProviderModule {
  name: Provider;
  /** One line for error messages: what this provider accepts. */
  accepts: string;
  /** Returns undefined when the document is not this provider's at all. */
  recognise(source: SourceDocument): Recognition | undefined;
  /** A per-object score, for providers that have one (workloads: kubesec-comparable points). */
  score?(subject: Subject): SubjectScore | undefined;
}
