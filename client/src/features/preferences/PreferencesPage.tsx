/** Interface language and, for Arabic, Western or Arabic-Indic digits; saved on this device. */

import { PageHeading } from '../../components/PageHeading.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { type Digits, digits, formatDate, formatNumber, LANGUAGES, type Language, language, setDigits, setLanguage, t } from '../../i18n/index.ts';

export default function PreferencesPage() {
  const languageOptions = LANGUAGES.map((option) => ({ value: option.code, label: option.autonym, lang: option.code }));
  const digitOptions = () => [
    { value: 'latn', label: t('prefs.digits.latn') },
    { value: 'arab', label: t('prefs.digits.arab') },
  ];
  return (
    <section class="page page--narrow">
      <PageHeading title={t('prefs.title')} />
      <p>{t('prefs.intro')}</p>
      <form class="form" onSubmit={(event) => event.preventDefault()}>
        <RadioGroup name="language" legend={t('prefs.language')} value={language()} options={languageOptions} onValue={(value) => setLanguage(value as Language)} />
        <RadioGroup
          name="digits"
          legend={t('prefs.digits')}
          hint={t('prefs.digits.hint')}
          value={digits()}
          options={digitOptions()}
          onValue={(value) => setDigits(value as Digits)}
        />
      </form>
      <p class="preview" aria-live="polite">
        {t('prefs.preview', { number: formatNumber(1234567.89), date: formatDate(new Date()) })}
      </p>
    </section>
  );
}
