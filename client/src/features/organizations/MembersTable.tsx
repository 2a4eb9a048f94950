/** The members of an organisation: name, email and role. */
import { For } from 'solid-js';
import type { Member } from '../../../../shared/auth.ts';
import { t, tp } from '../../i18n/index.ts';
import { roleLabel } from './labels.ts';

export function MembersTable(props: { members: readonly Member[] }) {
  return (
    // A wide table scrolls inside its own box on a phone; the box is focusable so keyboard
    // users can scroll it too.
    <section class="table-scroll" tabindex="0" aria-labelledby="members-caption">
      <table class="table">
        <caption id="members-caption">{tp('org.members.count', props.members.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('org.members.name')}</th>
            <th scope="col">{t('org.members.email')}</th>
            <th scope="col">{t('org.members.role')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.members}>
            {(member) => (
              <tr>
                <td>
                  <bdi>{member.name}</bdi>
                </td>
                <td>
                  <bdi dir="ltr">{member.email}</bdi>
                </td>
                <td>{roleLabel(member.role)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
