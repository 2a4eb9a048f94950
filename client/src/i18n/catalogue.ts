/**
 * The shape every message catalogue must have: exactly the keys of en.ts, plus the extra CLDR
 * plural categories a language needs for a plural family (Arabic has six, English two).
 */
import type { Language } from '../../../shared/common.ts';
import type { MessageKey } from './en.ts';

export type { Language, MessageKey };

/** Plural categories of Intl.PluralRules. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** `org.members.count` for the family `org.members.count.one` / `.other`. */
export type PluralFamily = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

type ExtraPluralKey = `${PluralFamily}.${Exclude<PluralCategory, 'other'>}`;

export type Catalogue = Record<MessageKey, string> & Partial<Record<ExtraPluralKey, string>>;

export type Digits = 'latn' | 'arab';
