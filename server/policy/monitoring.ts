/**
 * Who may do what when monitoring an action plan (DESIGN.md "Who sees what": assess a measure).
 * Pure functions of the actor and the document's facts, unit-tested as a table.
 *
 * - Reading measures, periods, assessments, the dashboard and the report: whoever may read the
 *   document (everyone else gets the document's 404).
 * - Designating and editing measures: drafters (approved members of the owning organisation).
 * - Opening and closing reporting periods: drafters, or members of an approved NHRI.
 * - The `government` voice (the government's own progress report): drafters only.
 * - The `nhri` voice (the independent assessment): members of an approved NHRI only.
 * - A person who is both chooses the voice explicitly; admins and everyone else: 403.
 */
import type { Voice } from '../../shared/monitoring.ts';
import type { Actor, ActorMembership } from './actor.ts';
import { approvedMemberships } from './actor.ts';
import { canReadDocument, type DocumentFacts, isDrafter } from './documents.ts';

export type MonitoringDecision = 'ok' | 'not_signed_in' | 'not_found' | 'forbidden';

/** The actor's first approved NHRI membership: the organisation the independent voice speaks for. */
export function nhriMembership(actor: Actor | null): ActorMembership | undefined {
  return approvedMemberships(actor).find((m) => m.kind === 'nhri');
}

export function isNhriMember(actor: Actor | null): boolean {
  return !!nhriMembership(actor);
}

function gate(actor: Actor | null, doc: DocumentFacts): Exclude<MonitoringDecision, 'ok'> | null {
  if (!canReadDocument(actor, doc)) return 'not_found';
  if (!actor) return 'not_signed_in';
  return null;
}

/** Designate a block as a measure, or edit a measure's responsible body, indicator, target… */
export function measureDecision(actor: Actor | null, doc: DocumentFacts): MonitoringDecision {
  return gate(actor, doc) ?? (isDrafter(actor, doc) ? 'ok' : 'forbidden');
}

/** Open or close a reporting period. */
export function periodDecision(actor: Actor | null, doc: DocumentFacts): MonitoringDecision {
  return gate(actor, doc) ?? (isDrafter(actor, doc) || isNhriMember(actor) ? 'ok' : 'forbidden');
}

/** The voices this actor may write on this plan, government first. */
export function writableVoices(actor: Actor | null, doc: DocumentFacts): Voice[] {
  if (!actor || !canReadDocument(actor, doc)) return [];
  const voices: Voice[] = [];
  if (isDrafter(actor, doc)) voices.push('government');
  if (isNhriMember(actor)) voices.push('nhri');
  return voices;
}

export type VoiceChoice = { decision: 'ok'; voice: Voice; organizationId: string } | { decision: Exclude<MonitoringDecision, 'ok'> | 'choose_voice' };

/**
 * Which voice a save writes, and for which organisation. `requested` is the optional `voice`
 * field: required only from someone who may write both.
 */
export function assessmentVoice(actor: Actor | null, doc: DocumentFacts, requested?: Voice): VoiceChoice {
  const blocked = gate(actor, doc);
  if (blocked) return { decision: blocked };
  const voices = writableVoices(actor, doc);
  if (requested && !voices.includes(requested)) return { decision: 'forbidden' };
  if (!requested && voices.length > 1) return { decision: 'choose_voice' };
  const voice = requested ?? voices[0];
  if (!voice) return { decision: 'forbidden' };
  const organizationId = voice === 'government' ? doc.organizationId : (nhriMembership(actor) as ActorMembership).organizationId;
  return { decision: 'ok', voice, organizationId };
}

/** Why a reader gets overdue reminders for this plan, or null (not a drafter, not an NHRI member). */
export function reminderRole(actor: Actor | null, doc: DocumentFacts): 'drafter' | 'nhri' | null {
  if (!actor || !canReadDocument(actor, doc)) return null;
  if (isDrafter(actor, doc)) return 'drafter';
  return isNhriMember(actor) ? 'nhri' : null;
}
