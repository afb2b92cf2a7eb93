// Writing a profile's fields and skills, shared by completing a profile and editing it. The ids
// the member chose (organisation, region, skills) are checked to exist here, inside the caller's
// transaction, and reported against the field that named them.
import { invalid, type FieldErrors } from "../errors";
import type { Tx } from "./guard";
import type { ProfileInput } from "./schemas";

export async function saveProfileFields(tx: Tx, memberId: string, p: ProfileInput, extra: { profileDoneAt?: Date } = {}): Promise<void> {
  // One query at a time: a transaction is one connection.
  const organisationId = p.organisationId === "none" ? null : p.organisationId;
  const organisation = organisationId ? await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } }) : null;
  const region = await tx.region.findUnique({ where: { id: p.regionId }, select: { id: true } });
  const skills = await tx.skill.findMany({ where: { id: { in: p.skills } }, select: { id: true } });
  const errors: FieldErrors = {};
  if (organisationId && !organisation) errors.organisationId = ["Choose your organisation from the list, or “Not listed”."];
  if (!region) errors.regionId = ["Choose your region from the list."];
  if (skills.length !== p.skills.length) errors.skills = ["Choose skills from the list."];
  if (Object.keys(errors).length > 0) throw invalid("Please check the highlighted fields.", errors);

  await tx.user.update({
    where: { id: memberId },
    data: {
      name: p.name,
      profession: p.profession,
      organisationId,
      regionId: p.regionId,
      bio: p.bio,
      tags: p.tags,
      availability: p.availability === "" ? null : p.availability,
      ...(extra.profileDoneAt ? { profileDoneAt: extra.profileDoneAt } : {}),
    },
  });
  await tx.memberSkill.deleteMany({ where: { memberId } });
  await tx.memberSkill.createMany({ data: p.skills.map((skillId) => ({ memberId, skillId })) });
}
