/** The BHXH insurance check: gateway wire formats, result codes as data, look-up strategies and the clerk's result. */
export * from './wire.ts';
export * from './result-codes.ts';
export * from './names.ts';
export * from './lookup-plan.ts';
export * from './exemption.ts';
export * from './check-result.ts';
