import pkg from '../../package.json' with { type: 'json' };

/** The studio's version, from package.json (inlined by the Electron bundle, read directly under tsx). */
export const APP_VERSION: string = pkg.version;
