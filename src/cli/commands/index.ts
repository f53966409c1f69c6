import type { CliCommand } from '../command';
import { createCommand } from './create';
import { importCommand } from './import';
import { infoCommand } from './info';
import { wordsCommand } from './words';
import { devicesCommand } from './devices';
import { pushCommand } from './push';
import { openOnPhoneCommand } from './open-on-phone';
import { exportCommand } from './export';
import { trainCommand } from './train';
import { evaluateCommand } from './evaluate';
import { baseModelsCommand } from './base-models';
import { doctorCommand } from './doctor';

/** Every `magritte` command. Other areas add theirs here (one line each). */
export const COMMANDS: CliCommand[] = [
  createCommand,
  importCommand,
  wordsCommand,
  infoCommand,
  devicesCommand,
  pushCommand,
  openOnPhoneCommand,
  exportCommand,
  trainCommand,
  evaluateCommand,
  baseModelsCommand,
  doctorCommand,
];
