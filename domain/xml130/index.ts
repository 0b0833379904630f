/**
 * QĐ 130-family output for reception: the XML0 check-in record (QĐ 4750 as
 * amended by QĐ 3176) from a visit, its field table and code lists as dated
 * data, and the submission envelope. Pure: nothing here throws on bad data.
 */
export {
  XML0_EDITIONS,
  XML0_FIELD_NAMES,
  XML0_QD3176,
  xml0EditionOn,
  type FieldFormat,
  type FieldRequirement,
  type FieldType,
  type Xml0Edition,
  type Xml0FieldName,
  type Xml0FieldSpec,
} from './fields.ts';
export {
  BENEFICIARY_RULES,
  BENEFICIARY_TYPES,
  TREATMENT_TYPES,
  TREATMENT_TYPE_RULES,
  codeForStanding,
  codeLabel,
  isCodeInForce,
  type CodeRow,
  type StandingRule,
  type VisitStanding,
} from './codes.ts';
export {
  XML0_PROBLEM_CODES,
  XML0_WARNING_CODES,
  type Xml0Problem,
  type Xml0ProblemCode,
  type Xml0Warning,
  type Xml0WarningCode,
} from './problems.ts';
export { DEFAULT_CODE_LISTS, checkXml0Values, visitDayOf, type CodeLists, type Xml0Values } from './check.ts';
export {
  DEFAULT_MAPPING_RULES,
  mapXml0Record,
  type MappedRecord,
  type MappingRules,
  type Xml0Card,
  type Xml0Patient,
  type Xml0Service,
  type Xml0Source,
  type Xml0Visit,
} from './record.ts';
export { cleanXmlText, xmlBirthDateTime, xmlDate, xmlDateTime, type TimeOfDay } from './values.ts';
export { renderXml0 } from './render.ts';
export { xml0CardFromCheck } from './insurance-card.ts';
export { buildXml0, xml0FileName, type Xml0BuildOptions, type Xml0BuildResult, type Xml0Document } from './build.ts';
export {
  RECORD_FILE_TYPES,
  buildSubmission,
  utf8Base64,
  type RecordFile,
  type RecordFileType,
  type SubmissionInput,
  type SubmissionResult,
} from './envelope.ts';
