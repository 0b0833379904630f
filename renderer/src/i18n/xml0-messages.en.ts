import type { Xml0Messages } from './xml0-messages.ts';

export const xml0En: Xml0Messages = {
  title: 'XML0 record (BHYT check-in)',
  intro: "Export today's visit as its QĐ 4750/3176 XML0 record, to submit to the BHYT gateway or to check it.",
  facilityCode: 'Facility code (MA_CSKCB)',
  facilityHint: '5 characters, e.g. 01013. Needed before exporting XML0.',
  save: 'Save facility code',
  saved: 'Saved',
  noVisits: 'No visit today to export yet.',
  export: 'Export XML0',
  exported: 'Exported {{file}}',
  incomplete: 'Not exported: the record misses or has wrong values in these elements. Complete them and export again.',
  warnings: 'Worth a second look:',
};
