import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { VerifyForm } from "@/components/certificates/verify-form";
import { Card, Page } from "@/components/ui/page";
import { getBankName } from "@/lib/bank/public";
import { normaliseCode } from "@/lib/certificates/code";
import { verifyPathOf } from "@/lib/certificates/links";
import { firstParam } from "@/lib/validation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Check a certificate" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const typed = (firstParam((await searchParams).code) ?? "").trim();
  const code = typed ? normaliseCode(typed) : null;
  if (code) redirect(verifyPathOf(code));
  const bankName = await getBankName();
  return (
    <Page
      width="narrow"
      title="Check a certificate"
      intro={`Members of ${bankName} can download a certificate of the hours of help they gave other members. Type the code printed on one to see what it says, exactly as the bank issued it.`}
    >
      <Card>
        <VerifyForm
          value={typed.slice(0, 40)}
          errors={typed ? ["That is not a verification code: a code has twelve letters and numbers, like ABCD-EFGH-JK23 (there is no I, O, 0 or 1 in one)."] : undefined}
        />
      </Card>
    </Page>
  );
}
