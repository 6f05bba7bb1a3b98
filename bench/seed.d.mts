/** The bench seed's one export a TypeScript test uses (test/bench/upn.test.ts). */
export function benchUpnSql(n: string): string;
