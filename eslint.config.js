/**
 * Lint, and the import direction of DESIGN.md as rules:
 *   domain ← native, db ← services ← electron, cli;  renderer imports only domain.
 *   Only electron/ imports `electron`; only native/devicehost loads device addons;
 *   only db/ loads the SQLite binding; test/ and bench/ may load addons.
 * Packages are policed by no-restricted-imports (type-only imports refused too,
 * except addon types under native/). Relative imports between top-level folders
 * are policed by a small local rule, because a path pattern cannot tell which
 * folder `../../services/x.ts` lands in from a given file.
 */
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;
const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

// ── What may be imported ────────────────────────────────────────────────────

const NODE_BUILTINS = {
  paths: builtinModules.filter((name) => !name.startsWith('node:')).map((name) => ({ name, message: 'Node builtins are not available here.' })),
  patterns: [{ group: ['node:*', 'node:*/**'], message: 'Node builtins are not available here.' }],
};

const ELECTRON = {
  paths: [{ name: 'electron', message: 'Only electron/ may import electron (types included): pass what you need in from there.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/ may import electron.' }],
};

const REACT = {
  paths: ['react', 'react-dom', 'react-i18next'].map((name) => ({ name, message: 'domain/ is pure TypeScript: React belongs to renderer/.' })),
  patterns: [{ group: ['react/*', 'react-dom/*'], message: 'domain/ is pure TypeScript: React belongs to renderer/.' }],
};

const ADDON_MESSAGE = 'Device addons load only in the device host (native/devicehost/): a crash there must not take the app down.';
const addons = ({ allowTypeImports }) => ({
  paths: ['smartcard', 'serialport', 'node-hid'].map((name) => ({ name, message: ADDON_MESSAGE, allowTypeImports })),
  patterns: [{ group: ['@serialport/*', 'smartcard/*', 'serialport/*', 'node-hid/*'], message: ADDON_MESSAGE, allowTypeImports }],
});

const SQLITE = {
  paths: [{ name: 'better-sqlite3-multiple-ciphers', message: 'The database binding belongs to db/: use its repositories.' }],
  patterns: [{ group: ['better-sqlite3-multiple-ciphers/*'], message: 'The database binding belongs to db/.' }],
};

const NODE_ONLY_PACKAGES = {
  paths: [{ name: 'ws', message: 'ws is a Node library: the page talks through window.tiepdon.' }],
  patterns: [],
};

/** One no-restricted-imports setting from several restrictions (a later config object replaces it whole). */
function restrict(...restrictions) {
  return [
    'error',
    {
      paths: restrictions.flatMap((restriction) => restriction.paths),
      patterns: restrictions.flatMap((restriction) => restriction.patterns),
    },
  ];
}

// ── Relative imports between top-level folders ──────────────────────────────

const FOLDERS = ['domain', 'native', 'db', 'services', 'electron', 'renderer', 'cli', 'test', 'bench', 'scripts'];

/** The top-level folder of an absolute path inside the repository, or undefined (root files, outside). */
function topFolder(absolutePath) {
  const path = relative(ROOT, absolutePath);
  if (path === '' || path.startsWith('..') || isAbsolute(path) || !path.includes(sep)) return undefined;
  return path.split(sep)[0];
}

const folderBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports may only reach the top-level folders this folder depends on.' },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { enum: FOLDERS } } }, required: ['allow'], additionalProperties: false }],
    messages: { crossed: "{{from}}/ may not import from {{to}}/ (it may import from: {{allowed}}). See DESIGN.md, 'Imports flow one way'." },
  },
  create(context) {
    const allow = new Set(context.options[0].allow);
    const from = topFolder(context.filename);
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !(specifier.startsWith('./') || specifier.startsWith('../'))) return;
      const to = topFolder(resolve(dirname(context.filename), specifier));
      if (to === undefined || allow.has(to)) return;
      context.report({ node, messageId: 'crossed', data: { from: from ?? '.', to, allowed: [...allow].join(', ') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference.expression, node.moduleReference.expression.value),
      CallExpression: (node) => {
        const [argument] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && argument?.type === 'Literal') check(argument, argument.value);
      },
    };
  },
};

const tiepdon = { rules: { 'folder-boundaries': folderBoundaries } };

/** The import rules for one area of the tree. */
function layer({ files, allowFolders, restrictions }) {
  return {
    name: `tiepdon/boundaries:${files.join(',')}`,
    files,
    plugins: { tiepdon },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(...restrictions),
      'tiepdon/folder-boundaries': ['error', { allow: allowFolders }],
    },
  };
}

/** Unit tests beside the code keep its package rules, and may also use node:test and the rig in test/. */
function testsBeside({ files, allowFolders, restrictions }) {
  return layer({
    files: files.map((glob) => glob.replace(/\/\*\*$/, '/**/*.test.{ts,tsx}')),
    allowFolders: [...new Set([...allowFolders, 'test'])],
    restrictions: restrictions.filter((restriction) => restriction !== NODE_BUILTINS),
  });
}

const NO_ADDONS = addons({ allowTypeImports: false });
const ADDON_TYPES_ONLY = addons({ allowTypeImports: true });

// Later entries replace earlier ones for the files they match: most specific last.
const LAYERS = [
  {
    files: ['domain/**'],
    allowFolders: ['domain'],
    restrictions: [NODE_BUILTINS, ELECTRON, REACT, NO_ADDONS, SQLITE, NODE_ONLY_PACKAGES],
  },
  { files: ['native/**'], allowFolders: ['domain', 'native', 'db'], restrictions: [ELECTRON, ADDON_TYPES_ONLY, SQLITE] },
  { files: ['native/devicehost/**'], allowFolders: ['domain', 'native', 'db'], restrictions: [ELECTRON, SQLITE] },
  { files: ['db/**'], allowFolders: ['domain', 'native', 'db'], restrictions: [ELECTRON, NO_ADDONS] },
  { files: ['services/**'], allowFolders: ['domain', 'native', 'db', 'services'], restrictions: [ELECTRON, NO_ADDONS, SQLITE] },
  { files: ['electron/**'], allowFolders: ['domain', 'native', 'db', 'services', 'electron'], restrictions: [NO_ADDONS, SQLITE] },
  // The preload runs sandboxed: it can reach electron and the contract, nothing of Node.
  {
    files: ['electron/preload/**'],
    allowFolders: ['domain', 'electron'],
    restrictions: [NODE_BUILTINS, NO_ADDONS, SQLITE, NODE_ONLY_PACKAGES],
  },
  {
    files: ['renderer/**'],
    allowFolders: ['domain', 'renderer'],
    restrictions: [NODE_BUILTINS, ELECTRON, NO_ADDONS, SQLITE, NODE_ONLY_PACKAGES],
  },
  { files: ['cli/**'], allowFolders: ['domain', 'native', 'db', 'services', 'cli'], restrictions: [ELECTRON, NO_ADDONS, SQLITE] },
];

const boundaries = [
  layer({ files: SOURCE_FILES, allowFolders: FOLDERS, restrictions: [ELECTRON, NO_ADDONS, SQLITE] }),
  ...LAYERS.map(layer),
  ...LAYERS.map(testsBeside),
  // Tests and benchmarks exercise the rig, addons included; they still never import electron.
  layer({ files: ['test/**', 'bench/**'], allowFolders: FOLDERS, restrictions: [ELECTRON] }),
];

// Only the two entries load 'electron' at run time; every other module receives
// Electron objects as parameters, so it runs in plain Node tests where 'electron' cannot load.
const electronEntriesOnly = {
  name: 'tiepdon/electron-entries-only',
  files: ['electron/**'],
  ignores: ['electron/main/index.ts', 'electron/preload/index.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "ImportDeclaration[source.value=/^electron(\\/|$)/][importKind!='type']",
        message: "Only electron/main/index.ts and electron/preload/index.ts import 'electron' values: take what you need as a parameter.",
      },
    ],
  },
};

export default defineConfig([
  globalIgnores(['out/', 'node_modules/', '.tools/', 'test-results/', 'playwright-report/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'tiepdon/globals',
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
  },
  {
    name: 'tiepdon/renderer-globals',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'tiepdon/unused',
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  ...boundaries,
  electronEntriesOnly,
]);
