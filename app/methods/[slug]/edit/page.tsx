import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminsOnly } from "@/components/admin/admins-only";
import { MethodPageForm } from "@/components/methods/method-page-form";
import { Card, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { getMethodPageForEdit } from "@/lib/methods/queries";

export const metadata: Metadata = { title: "Edit a method page" };
export const dynamic = "force-dynamic";

export default async function EditMethodPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const admin = await adminForPage(`/methods/${encodeURIComponent(slug)}/edit`);
  if (!admin) return <AdminsOnly />;
  const form = await getMethodPageForEdit(admin.id, slug);
  if (!form) notFound();
  const back = `/methods/${form.skill.slug}`;
  return (
    <Page
      width="narrow"
      title={form.exists ? `Edit: ${form.skill.name}` : `Write the page: ${form.skill.name}`}
      intro={
        <>
          <p>
            {form.skill.category}. Its short description, shown in the library and on the profile form: “{form.skill.description}”
          </p>
          {!form.exists && form.initial.whatItIs && <p className="mt-2">The form starts with the library’s own text for this skill; change it as you wish.</p>}
        </>
      }
    >
      <Card>
        <MethodPageForm skillId={form.skill.id} initial={form.initial} exists={form.exists} cancelHref={back} />
      </Card>
    </Page>
  );
}
