import type { Migration } from './migration';
import { migration001 } from './001-foundation';
import { migration002 } from './002-training';
import { migration003 } from './003-export';
import { migration004 } from './004-deploy';
import { migration005 } from './005-validation-photos';
import { migration006 } from './006-deck-revisions';
import { migration007 } from './007-doctor';
import { migration008 } from './008-full-int8';
import { migration009 } from './009-background-words';
import { migration010 } from './010-hidden-hints';
import { migration011 } from './011-unreadable-photos';

/** Every schema step, in order. Never edit a released step: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
];
