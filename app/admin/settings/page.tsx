import type { Metadata } from "next";
import { AdminsOnly } from "@/components/admin/admins-only";
import { SettingsForm } from "@/components/admin/settings-form";
import { Card, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { getBankSettings } from "@/lib/admin/settings";
import { formatDateTimeUtc } from "@/lib/format/date";
import { saveBankSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Bank settings" };

export default async function AdminSettingsPage() {
  const admin = await adminForPage("/admin/settings");
  if (!admin) return <AdminsOnly />;
  const settings = await getBankSettings();
  return (
    <Page title="Bank settings" intro={`Last changed ${formatDateTimeUtc(settings.updatedAt)}. Every change is recorded in the audit log with who made it and what it was before.`} width="narrow">
      <Card>
        <SettingsForm
          values={{
            name: settings.name,
            joiningMode: settings.joiningMode,
            welcomeGrantMinutes: settings.welcomeGrantMinutes,
            defaultFloorMinutes: settings.defaultFloorMinutes,
          }}
          action={saveBankSettingsAction}
        />
      </Card>
    </Page>
  );
}
