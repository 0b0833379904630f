import type { Messages } from './messages.ts';
import { viCore } from './vi-core.ts';
import { viDesk } from './vi-desk.ts';

/** Every Vietnamese text in one object, as the texts' checks compare it with English (the app loads the two parts apart). */
export const vi: Messages = { ...viCore, ...viDesk, errors: { ...viCore.errors, ...viDesk.errors } };
