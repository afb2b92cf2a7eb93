// What a certificate says (or would say): the hours given, the exchanges, and the hours by skill
// and by project. The preview on /certificates and the public verification page both show it, so
// the two read the same.
import { formatMinutes } from "@/lib/format/minutes";
import type { HoursGiven } from "@/lib/certificates/hours-given";
import { describePeriod, type Period } from "@/lib/certificates/period";

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-brand-50 px-4 py-3 ring-1 ring-brand-100">
      <dt className="text-sm font-semibold text-ink-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums text-brand-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function HoursTable({ caption, header, rows, testId }: { caption: string; header: string; rows: { label: string; minutes: number }[]; testId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-[0.95rem]" data-testid={testId}>
        <caption className="mb-2 text-left text-lg font-semibold text-ink">{caption}</caption>
        <thead>
          <tr className="border-b border-line text-sm text-ink-muted">
            <th scope="col" className="cell pl-0 font-semibold">
              {header}
            </th>
            <th scope="col" className="cell num pr-0 font-semibold">
              Hours
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((r) => (
            <tr key={r.label}>
              <td className="cell pl-0 break-words">{r.label}</td>
              <td className="cell num pr-0 font-semibold">{formatMinutes(r.minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HoursBreakdown({ certificate }: { certificate: HoursGiven & { period: Period } }) {
  const { minutesGiven, exchangeCount, skills, projects } = certificate;
  const periodText = describePeriod(certificate.period);
  return (
    <div className="space-y-6">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Figure label="Hours given" value={formatMinutes(minutesGiven)} testId="certificate-hours" />
        <Figure label="Exchanges" value={String(exchangeCount)} testId="certificate-exchanges" />
        <div className="rounded-lg bg-brand-50 px-4 py-3 ring-1 ring-brand-100">
          <dt className="text-sm font-semibold text-ink-muted">Period</dt>
          <dd className="mt-1 font-bold text-brand-900" data-testid="certificate-period">
            {periodText}
          </dd>
        </div>
      </dl>
      <div className="grid gap-6 md:grid-cols-2">
        <HoursTable caption="By skill" header="Skill" rows={skills.map((s) => ({ label: s.name, minutes: s.minutes }))} testId="certificate-skills" />
        {projects.length > 0 ? (
          <HoursTable caption="For improvement projects" header="Project" rows={projects.map((p) => ({ label: p.title, minutes: p.minutes }))} testId="certificate-projects" />
        ) : (
          <div>
            <p className="mb-2 text-lg font-semibold text-ink">For improvement projects</p>
            <p className="text-ink-muted">None of this help was asked for as part of an improvement project recorded in the bank.</p>
          </div>
        )}
      </div>
    </div>
  );
}
