/** Module boundaries (ARCHITECTURE.md, rule 1), checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'module-reaches-into-platform-internals',
      comment: 'A module uses the database layer, the bus and CSV through their public index.ts only.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/platform/(db|bus|csv)/', pathNot: ['^src/platform/(db|bus|csv)/index\\.ts$'] },
    },
    {
      name: 'module-reaches-into-another',
      comment: 'A module may import another module only through its contract.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/contract\\.ts$'],
      },
    },
    {
      name: 'no-circular-platform',
      comment: 'No import cycles inside the platform: each layer depends only on what is below it.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/platform/', circular: true },
    },
    {
      name: 'bus-depends-on-nothing-above-it',
      comment: 'The bus knows no host and no HTTP app (its admin routes aside, which are an HTTP plugin).',
      severity: 'error',
      from: { path: '^src/platform/bus/', pathNot: '^src/platform/bus/routes\\.ts$' },
      to: { path: '^src/platform/(host|http)/' },
    },
    {
      name: 'platform-imports-module',
      comment: 'The platform is infrastructure every module uses; it knows no module.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'screen-reaches-into-server',
      comment: 'The storefront is a client of the HTTP API (the typed client), never of a module or the platform.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
