/** Organisations and memberships (API.md "Accounts and organisations"). */
import type { Static } from 'typebox';
import type { AddMemberBody, CreateOrganizationBody, Member, Organization, OrganizationResponse } from '../../../shared/auth.ts';
import { apiPath, http, type RequestOptions } from './http.ts';

type OrganizationAnswer = Static<typeof OrganizationResponse>;

/** Approved organisations and the caller's own; admins also see every pending one. */
export function listOrganizations(): Promise<Organization[]> {
  return http.get<Organization[]>('/organizations');
}

export async function getOrganization(id: string): Promise<Organization> {
  return (await http.get<OrganizationAnswer>(apiPath`/organizations/${id}`)).organization;
}

/** Creates a pending organisation whose lead is the caller. */
export async function createOrganization(body: CreateOrganizationBody, options?: RequestOptions): Promise<Organization> {
  return (await http.post<OrganizationAnswer>('/organizations', body, options)).organization;
}

export async function approveOrganization(id: string): Promise<Organization> {
  return (await http.post<OrganizationAnswer>(apiPath`/organizations/${id}/approve`)).organization;
}

export function listMembers(id: string): Promise<Member[]> {
  return http.get<Member[]>(apiPath`/organizations/${id}/members`);
}

/** Adds an existing account by email, or changes the role of a current member. */
export function addMember(id: string, body: AddMemberBody): Promise<Member> {
  return http.post<Member>(apiPath`/organizations/${id}/members`, body);
}
