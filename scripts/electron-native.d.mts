/** Path of better_sqlite3.node built for the installed Electron, or null when it cannot be had. */
export function sqliteForElectron(): string | null;
