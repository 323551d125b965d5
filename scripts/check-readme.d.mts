export function renderTables(meta?: unknown): { inputs: string; outputs: string };
export function withTables(readme: string, tables?: { inputs: string; outputs: string }): string;
