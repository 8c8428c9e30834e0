import type { DocumentResult, RenderJob } from '../model/documents.js';
import type { AnyOutput, DocumentOutput } from './output.js';
import { packOutput } from './pack.js';
import { type DocumentOutputKind, OUTPUT_KINDS, type OutputKind, outputKindOf, outputKindOfResult } from './paths.js';
import { printOutput } from './print.js';
import { screenOutput } from './screen.js';

/** The module of every kind of output made of one document, the screen PDF first (the others are made after it). */
const DOCUMENT_OUTPUTS = { screen: screenOutput, print: printOutput } as const satisfies {
  readonly [K in DocumentOutputKind]: DocumentOutput & { readonly kind: K };
};

/** Every kind's module: a kind without one does not compile. */
const OUTPUTS = { ...DOCUMENT_OUTPUTS, pack: packOutput } as const satisfies {
  readonly [K in OutputKind]: AnyOutput & { readonly kind: K };
};

type Outputs = typeof OUTPUTS;

/** The module of a kind of output. */
export function outputFor<K extends OutputKind>(kind: K): Outputs[K] {
  return OUTPUTS[kind];
}

/** Every kind's module, in the order the reports list them. */
export function allOutputs(): readonly AnyOutput[] {
  return OUTPUT_KINDS.map((kind) => OUTPUTS[kind]);
}

/** The outputs made of one document, the screen PDF first. */
export function documentOutputs(): readonly DocumentOutput[] {
  return Object.values(DOCUMENT_OUTPUTS);
}

/** The module of the output a job makes. */
export function outputOfJob(job: Pick<RenderJob, 'edition'>): DocumentOutput {
  return DOCUMENT_OUTPUTS[outputKindOf(job)];
}

/** The module of the output a build's result is. */
export function outputOfResult(result: Pick<DocumentResult, 'kind' | 'edition'>): AnyOutput {
  return OUTPUTS[outputKindOfResult(result)];
}

/** The module of the output a path (from a manifest) is, if one holds it. */
export function outputOfPath(output: string): AnyOutput | undefined {
  return allOutputs().find((module) => module.holds(output));
}

/** Whether a result is a document's own PDF, its screen PDF (what progress counts and the preview shows), rather than another output of it or a pack. */
export function isScreenResult(result: Pick<DocumentResult, 'kind' | 'edition'>): boolean {
  return outputKindOfResult(result) === 'screen';
}

/** The outputs of a document made after its screen PDF, and checked against it (its print edition). */
export function outputsAfterScreen(): readonly DocumentOutput[] {
  return documentOutputs().filter((output) => output !== screenOutput);
}
