// node --import ./register.mjs: resolves `electron` to the stand-in below (Electron cannot run here).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
