import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { adminTabCounts } from "@/lib/admin/overview";
import { isAdmin } from "@/lib/admin/page";
import { currentMember } from "@/lib/auth/session";

// The admin area's tabs. Each page checks for itself that the member is an admin (adminForPage);
// the tabs are only drawn for admins.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const member = await currentMember();
  if (!isAdmin(member)) return children;
  const { pending, disputes } = await adminTabCounts();
  return (
    <>
      <AdminNav
        items={[
          { href: "/admin", label: "Overview" },
          { href: "/admin/members", label: "Members", count: pending },
          { href: "/admin/disputes", label: "Disputes", count: disputes },
          { href: "/admin/ledger", label: "Ledger" },
          { href: "/admin/reports", label: "Reports" },
          { href: "/admin/hubs", label: "Hubs" },
          { href: "/admin/excellence", label: "Excellence" },
          { href: "/admin/audit", label: "Audit log" },
          { href: "/admin/settings", label: "Settings" },
        ]}
      />
      {children}
    </>
  );
}
