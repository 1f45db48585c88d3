/**
 * Documents above this many characters are not analysed (their outline alone is read, to tell
 * whether they are post-mortems), so a pasted 50 MB log cannot stall the server for every
 * other document (10 MB takes ~0.2 s).
 */
export const maxDocumentLength = 20_000_000;
