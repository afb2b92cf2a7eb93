// A fresh database for one security test file (dropped when the file ends), as the app's db().
import { afterAll } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { connectWorld, type World } from "./harness";

export async function useWorld(options: { pool?: number } = {}): Promise<World> {
  const database = await useTestDatabase();
  const world = await connectWorld(database.url, options);
  // Registered after the database's own afterAll, so it runs first (Vitest runs afterAll hooks in reverse).
  afterAll(() => world.close());
  return world;
}
