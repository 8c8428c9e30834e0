/** One page that looks different, with the pictures a reviewer needs (PNG). */
export interface PageChange {
  /** The page number in this build's PDF (for a removed page, in the approved one). */
  readonly page: number;
  readonly change: 'changed' | 'added' | 'removed';
  readonly differentPixels: number;
  /** For a page of the briefing pack: the document page it shows. */
  readonly shows?: { readonly output: string; readonly page: number };
  /** A pack page that changed exactly as the document page it shows: its pictures are that page's (the pack's page number, unchanged, is not on them). */
  readonly asDocumentPage?: true;
  /** A pack page whose only changed part is the pack's page-number overlay: the document page under it is as approved. */
  readonly ownDrawing?: true;
  readonly images: { readonly approved?: Buffer; readonly current?: Buffer; readonly highlight?: Buffer };
}
