/** The innermost driver error of a Sequelize error. */
export function driverError(error: unknown): { code?: string; sqlState?: string; message: string } {
  let current = error as {
    parent?: unknown;
    original?: unknown;
    code?: unknown;
    sqlState?: unknown;
    message?: unknown;
  } | null;
  while (current && typeof current === 'object' && (current.parent || current.original)) {
    current = (current.parent ?? current.original) as typeof current;
  }
  return {
    ...(typeof current?.code === 'string' ? { code: current.code } : {}),
    ...(typeof current?.sqlState === 'string' ? { sqlState: current.sqlState } : {}),
    message: typeof current?.message === 'string' ? current.message : String(error),
  };
}
