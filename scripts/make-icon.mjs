#!/usr/bin/env node
// Renders resources/icon.svg (drawn for this project) to the PNG sizes the app and installers use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = path.join(resources, 'icon.svg');

await sharp(svg, { density: 144 }).resize(1024, 1024).png().toFile(path.join(resources, 'icon.png'));
await sharp(svg, { density: 72 }).resize(256, 256).png().toFile(path.join(resources, 'icon-256.png'));
console.log('resources/icon.png (1024 px) and resources/icon-256.png written');
