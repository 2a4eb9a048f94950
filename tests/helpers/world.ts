/**
 * A small world of people and organisations for document and thread tests: an admin, a
 * ministry with a drafter, a second ministry, two NGOs (one with two members), an NHRI, and
 * a person with no organisation. Distractors on purpose: the drafter also belongs to an NGO
 * elsewhere would hide bugs, so memberships are kept as DESIGN.md's roles.
 */
import fs from 'node:fs';
import { ADMIN_EMAIL, addMember, createOrganization, registerUser, type TestApp, type TestUser } from './test-app.ts';

export interface World {
  admin: TestUser;
  drafter: TestUser;
  ministryId: string;
  otherDrafter: TestUser;
  otherMinistryId: string;
  ngo: TestUser;
  ngoColleague: TestUser;
  ngoId: string;
  otherNgo: TestUser;
  otherNgoId: string;
  nhri: TestUser;
  nhriId: string;
  loner: TestUser;
}

export async function createWorld(t: TestApp): Promise<World> {
  const admin = await registerUser(t, { email: ADMIN_EMAIL, name: 'Admin Person' });
  const drafter = await registerUser(t, { name: 'Drafter Dalia' });
  const otherDrafter = await registerUser(t, { name: 'Other Ministry Omar' });
  const ngo = await registerUser(t, { name: 'Secret Defender Samira' });
  const ngoColleague = await registerUser(t, { name: 'Colleague Chadi' });
  const otherNgo = await registerUser(t, { name: 'Other NGO Nour' });
  const nhri = await registerUser(t, { name: 'NHRI Hana' });
  const loner = await registerUser(t, { name: 'Loner Layla' });
  const ministryId = await createOrganization(t, drafter, 'government', admin, 'Ministry of Justice');
  const otherMinistryId = await createOrganization(t, otherDrafter, 'government', admin, 'Ministry of Interior');
  const ngoId = await createOrganization(t, ngo, 'ngo', admin, 'Migrant Rights Association');
  await addMember(t, ngo, ngoId, ngoColleague);
  const otherNgoId = await createOrganization(t, otherNgo, 'ngo', admin, 'Women Lawyers Network');
  const nhriId = await createOrganization(t, nhri, 'nhri', admin, 'National Human Rights Council');
  return { admin, drafter, ministryId, otherDrafter, otherMinistryId, ngo, ngoColleague, ngoId, otherNgo, otherNgoId, nhri, nhriId, loner };
}

export function corpusText(name: string): string {
  return fs.readFileSync(new URL(`../../../shared/corpus/${name}`, import.meta.url), 'utf8');
}

export async function createDocument(
  t: TestApp,
  w: World,
  options: { title?: string; text?: string; format?: 'text' | 'markdown' | 'docx'; visibility?: 'public' | 'registered' | 'invited'; invited?: string[]; kind?: 'law' | 'action_plan'; language?: 'ar' | 'en' | 'fr'; open?: boolean } = {},
) {
  const res = await t.call('POST', '/api/documents', {
    token: w.drafter.token,
    body: {
      title: options.title ?? 'Draft law on combating trafficking in persons',
      kind: options.kind ?? 'law',
      organizationId: w.ministryId,
      visibility: options.visibility ?? 'public',
      ...(options.invited ? { invitedOrganizationIds: options.invited } : {}),
      language: options.language ?? 'en',
      source: { format: options.format ?? 'text', content: options.text ?? 'Article 1\nThis law protects victims of trafficking.\nArticle 2\nThe State shall provide shelter and legal aid.\n' },
    },
  });
  if (res.statusCode !== 201) throw new Error(`create document failed: ${res.statusCode} ${res.body}`);
  const id = res.json().document.id as string;
  if (options.open) await openDocument(t, w, id);
  return id;
}

export async function openDocument(t: TestApp, w: World, id: string) {
  const res = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'open' } });
  if (res.statusCode !== 200) throw new Error(`open failed: ${res.statusCode} ${res.body}`);
}

export async function blocksOf(t: TestApp, id: string, token?: string) {
  const res = await t.call('GET', `/api/documents/${id}`, { token });
  if (res.statusCode !== 200) throw new Error(`get document failed: ${res.statusCode} ${res.body}`);
  return res.json().blocks as { id: string; text: string; kind: string; label: string | null; ordinal: number; path: string }[];
}
