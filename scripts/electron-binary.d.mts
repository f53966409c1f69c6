/** Where Electron's binary is, or null when npm installed the package without it. */
export function electronBinary(): string | null;
export function electronVersion(): string;
