/**
 * Where browsers report Content-Security-Policy violations (SECURITY.md XSS-62; ASVS 3.4.7):
 * `POST /api/csp-report`, named by the policies' `report-uri`. It accepts both report formats
 * (`application/csp-report` from report-uri, `application/reports+json` from the Reporting API,
 * should a policy ever use report-to), keeps each body small, logs one warning per violation
 * naming only the directive (a report carries page URLs and page text that may be embargoed,
 * so nothing else is kept) and answers 204. The parsers live in this plugin only: every other
 * route still refuses these content types with 415.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { invalid } from './errors.ts';
import { parseJsonBody } from './json-body.ts';

export const CSP_REPORT_PATH = '/api/csp-report';

const MAX_BODY = 16 * 1024;
const MAX_REPORTS = 20;
const REPORT_TYPES = ['application/csp-report', 'application/reports+json'];
const DIRECTIVE = /^[a-z-]{1,40}$/;

function directiveOf(report: unknown): string {
  if (!report || typeof report !== 'object') return 'unknown';
  const r = report as Record<string, unknown>;
  const value = r['effective-directive'] ?? r.effectiveDirective ?? r['violated-directive'] ?? r.violatedDirective;
  // Older browsers send the whole violated directive ("script-src 'self'"): its name only.
  const name = typeof value === 'string' ? value.trim().split(/\s/)[0].toLowerCase() : '';
  return DIRECTIVE.test(name) ? name : 'unknown';
}

/**
 * The directives named by a report-uri body (one report) or a Reporting API body (a list, of
 * which only `csp-violation` entries count); null when the body is neither.
 */
export function reportedDirectives(body: unknown): string[] | null {
  if (Array.isArray(body)) {
    if (body.length === 0 || !body.every((entry) => entry && typeof entry === 'object' && typeof (entry as { type?: unknown }).type === 'string')) return null;
    return body
      .slice(0, MAX_REPORTS)
      .filter((entry) => (entry as { type: string }).type === 'csp-violation')
      .map((entry) => directiveOf((entry as { body?: unknown }).body));
  }
  if (body && typeof body === 'object' && 'csp-report' in body) {
    const report = (body as Record<string, unknown>)['csp-report'];
    return report && typeof report === 'object' ? [directiveOf(report)] : null;
  }
  return null;
}

const cspReportPlugin: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(REPORT_TYPES, { parseAs: 'string', bodyLimit: MAX_BODY }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.post(
    '/csp-report',
    {
      bodyLimit: MAX_BODY,
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags: ['system'], summary: 'Receives Content-Security-Policy violation reports (report-uri and Reporting API)' },
    },
    async (request, reply) => {
      const directives = reportedDirectives(request.body);
      if (!directives) throw invalid('The body is not a Content-Security-Policy report.');
      for (const directive of directives) request.log.warn({ cspViolation: directive }, 'content security policy violation reported');
      return reply.status(204).send();
    },
  );
};

/** The report route, in its own plugin so its body parsers stay its own. */
export async function registerCspReporting(app: FastifyInstance): Promise<void> {
  await app.register(cspReportPlugin, { prefix: '/api' });
}
