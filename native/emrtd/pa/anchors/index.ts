/**
 * Candidate CSCA trust anchors shipped with the app, as PEM text. Empty: the
 * Vietnamese ePassport CSCA (SHA-256 6B5FA6FE…C991BD, cccd-chip.md §6) could
 * not be obtained byte-exact to verify its fingerprint, so none is shipped.
 */
export const VIETNAM_CSCA_ANCHORS: readonly string[] = [];
