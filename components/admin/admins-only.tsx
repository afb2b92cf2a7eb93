import { Alert } from "@/components/ui/alert";
import { Page } from "@/components/ui/page";

/** What a signed-in member who is not an admin sees on an admin page (and nothing else). */
export function AdminsOnly() {
  return (
    <Page title="Admins only" width="narrow">
      <Alert tone="error" title="Only the bank's admins can see this page">
        If you help run this time bank and need access, ask one of its admins to give you the admin role.
      </Alert>
    </Page>
  );
}
