/**
 * The shape of one demo language pack: people and places for the citizens, and the words of
 * the cases (subjects, descriptions, answers, the comments staff write along the way).
 * Templates use `{placeholders}` filled by the generator (see demo-cases.ts for the names).
 */
import type { RETURN_METHODS, REJECTION_REASONS } from '@civicline/contracts';

export interface TextPool {
  subjects: string[];
  bodies: string[];
  answers?: string[];
}

export interface CategoryTexts extends TextPool {
  answers: string[];
  /** 'letter' (default): the citizen's own words with an opening and a closing; 'note': an operator's note of a call. */
  style?: 'letter' | 'note';
  /** Texts chosen by the value of one select field (a complaint about a pothole reads differently from one about noise). */
  byOption?: { field: string; pools: Record<string, TextPool> };
}

export interface Agency {
  name: string;
  contact: string;
}

export interface DemoContent {
  language: 'ro' | 'ru';
  place: {
    locality: string;
    county: string;
    country: 'RO' | 'RU';
    postalPrefix: string;
    latitude: number;
    longitude: number;
    districts: string[];
    /** Bus/tram lines, for petitions about transport. */
    lines: string[];
  };
  streets: string[];
  /** Formats a street address: street, number, optional flat. */
  address(street: string, nr: number, flat: number | null): string;
  people: {
    male: string[];
    female: string[];
    lastNames: string[];
    femaleLastName(last: string): string;
    /** [male, female] patronymic pairs (Russian only). */
    patronymics?: [string, string][];
  };
  organisations: string[];
  /** National mobile prefixes after the country code, e.g. 722 (+40 722 …) or 917 (+7 917 …). */
  phone: { countryCode: string; mobilePrefixes: string[]; restDigits: number };
  emailDomains: string[];
  openings: {
    male: string[];
    female: string[];
    organisation: string[];
    /** Written by the operator while on the phone. */
    phone: string[];
    anonymous: string[];
  };
  closings: string[];
  categories: Record<string, CategoryTexts>;
  returnSentence: Record<(typeof RETURN_METHODS)[number], string[]>;
  notes: { internal: string[]; citizen: string[] };
  suspension: Record<string, string[]>;
  extensionReasons: string[];
  returnComments: string[];
  rejection: Record<(typeof REJECTION_REASONS)[number], string[]>;
  withdrawal: string[];
  reopening: string[];
  internalRedirect: string[];
  externalRedirect: string[];
  agencies: Record<string, Agency>;
}
