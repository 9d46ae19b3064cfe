import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The dependency rule of the layers (src/ folders): which folders and packages each one must not import. Views, store
// and components reach AWS only through fleet's ports; components stay generic (no views); fleet is pure logic; the
// libraries below the UI never pull in Ink or React; one folder owns each native or SDK dependency.
const APP_ONLY = ['ink', 'react'];
const AWS_SDK = '@aws-sdk';
const NODE_PTY = '@lydell/node-pty';
const LAYERS = {
  views: {folders: ['aws', 'local'], packages: [AWS_SDK, NODE_PTY]},
  store: {folders: ['aws', 'local'], packages: [AWS_SDK, NODE_PTY]},
  components: {folders: ['aws', 'local', 'views'], packages: [AWS_SDK, NODE_PTY]},
  fleet: {folders: ['aws', 'local', 'views', 'store', 'components'], packages: [...APP_ONLY, AWS_SDK, NODE_PTY]},
  aws: {folders: [], packages: [...APP_ONLY, NODE_PTY]},
  session: {folders: [], packages: [...APP_ONLY, AWS_SDK, NODE_PTY]},
  terminal: {folders: [], packages: [...APP_ONLY, AWS_SDK]},
  local: {folders: [], packages: [...APP_ONLY, AWS_SDK, NODE_PTY]},
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** no-restricted-imports options for a folder: relative paths climbing into a src/ folder, and packages (with subpaths). */
function restrictions({folders, packages}, layer) {
  const patterns = [];
  if (folders.length > 0) {
    patterns.push({
      regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
      message: `${layer}/ must not import ${folders.map((f) => `${f}/`).join(', ')} (the dependency rule in DESIGN.md §3); put the port types in fleet/.`,
    });
  }
  if (packages.length > 0) {
    patterns.push({
      regex: `^(${packages.map(escape).join('|')})(/|$)`,
      message: `${layer}/ must not import ${packages.join(', ')}: only aws/ talks to the SDK, only terminal/ to node-pty, and Ink/React stay above fleet/, aws/, session/, terminal/ and local/.`,
    });
  }
  return ['error', {patterns}];
}
const layerRules = [
  // Every other src/ file (cli, app, keys, config, workspace, tui): the SDK and node-pty stay in their folders.
  {files: ['src/**/*.{ts,tsx}'], rules: {'@typescript-eslint/no-restricted-imports': restrictions({folders: [], packages: [AWS_SDK, NODE_PTY]}, 'src')}},
  ...Object.entries(LAYERS).map(([layer, rule]) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {'@typescript-eslint/no-restricted-imports': restrictions(rule, layer)},
  })),
];

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'bench/**/*.mjs']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
      // Matching control characters is this product's job (sanitizing untrusted text, reading terminal output).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-console': 'error',
      // Type-only imports say so: they vanish from the build, and the layer rules read them as what they are.
      '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
    },
  },
  {files: ['src/cli.tsx', 'src/cli/**', 'bench/**', 'test/**'], rules: {'no-console': 'off'}},
  ...layerRules,
);
